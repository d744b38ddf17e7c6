// bench:scale's seeding: N mentions over the history through the real write path, the ledger compacted beside it.
import { ConsoleLogger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module.js';
import { COMPACT_EVERY_MS, LedgerCompactionJob } from '../../src/mentions/ledger-compaction.job.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import { MARKER_KEPT_MS } from '../../src/platform/database/delta-ledger.js';
import { AppConfig } from '../../src/platform/config/app-config.js';
import type { appConfig } from './scale-processes.js';
import { historyMention } from './scale-data.js';
import { log, report, sleep } from './scale-figures.js';
import type { Options } from './scale-options.js';

/** N mentions over the history through IngestService.ingest in batches (two in flight), in an application context. */
export async function seed(size: number, values: ReturnType<typeof appConfig>, uri: string, start: number, end: number, o: Options): Promise<void> {
  const ctx: INestApplicationContext = await NestFactory.createApplicationContext(AppModule.forRoot({ config: new AppConfig(values, false, null), mongoUri: uri, scheduling: false }), { logger: new ConsoleLogger({ logLevels: ['error'] }), abortOnError: false });
  try {
    const ingest = ctx.get(IngestService);
    const t0 = performance.now();
    let next = 0;
    let done = 0;
    let rejected = 0;
    let lastPrint = t0;
    // The ledger compaction runs beside the ingest every 30 s, as the daemon's job does: without it the story day
    // partitions of a 1,000,000 seeding held a quarter of a million unfolded deltas (332 MB in one day) at the end.
    let compaction: Promise<void> = Promise.resolve();
    let compactedAt = t0;
    const lane = async () => {
      while (next < size) {
        const from = next;
        next = Math.min(size, next + o.seedBatch);
        const batch = [];
        for (let i = from; i < next; i++) batch.push(historyMention(i, size, start, end - start, 'm'));
        const r = await ingest.ingest(batch, { source: 'bench-scale' });
        rejected += r.rejected.length;
        if (r.rejected.length && rejected === r.rejected.length) log(`seed: rejected, first: ${JSON.stringify(r.rejected[0])}`);
        done += batch.length;
        const t = performance.now();
        if (t - compactedAt > COMPACT_EVERY_MS) {
          compactedAt = t;
          compaction = compaction.then(() => ctx.get(LedgerCompactionJob).tick());
        }
        if (t - lastPrint > 30_000 || done === size) {
          lastPrint = t;
          log(`seeded ${done.toLocaleString('en')}/${size.toLocaleString('en')} in ${((t - t0) / 1000).toFixed(0)} s (${Math.round(done / ((t - t0) / 1000))}/s)`);
        }
      }
    };
    await Promise.all([lane(), lane()]);
    await compaction;
    const s = (performance.now() - t0) / 1000;
    report('seed_rate', size, size / s, 'mentions/s', `${size} through IngestService.ingest in ${s.toFixed(1)} s, batches of ${o.seedBatch}, compacted every ${COMPACT_EVERY_MS / 1000} s${rejected ? `, ${rejected} rejected` : ''}`);
    await compactAsDaemon(ctx, 'after seeding');
  } finally {
    await ctx.close();
  }
}

/**
 * A daemon that wrote this history would have folded its ledger deltas every 30 s: the measurements start from that
 * state (after seeding, and on a reused history after an earlier run's pushes). Its next pass, 30 s on, also drops the
 * dirty markers (kept MARKER_KEPT_MS after their write): days read from digests.
 */
export async function compactAsDaemon(ctx: Pick<INestApplicationContext, 'get'>, when: string): Promise<void> {
  const c0 = performance.now();
  await ctx.get(LedgerCompactionJob).tick();
  log(`ledger and stories compacted ${when} in ${((performance.now() - c0) / 1000).toFixed(1)} s`);
  await sleep(MARKER_KEPT_MS);
  await ctx.get(LedgerCompactionJob).tick();
}
