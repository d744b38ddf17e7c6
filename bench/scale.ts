// `npm run bench:scale [-- --sizes 10000,100000 | --quick]`: do the hot paths stay flat as stored history grows?
// For each size N (default 10,000, 100,000 and 1,000,000 stored mentions) it seeds a fresh database on the
// embedded server (openDatabase, own data dir) with N mentions over the 35 days before now — 3 brands,
// 6 platforms, Chinese and English texts from templates, engagement, negatives and crisis terms — through
// IngestService.ingest in batches (the real write path, so buckets, rollups, highlights and snapshots exist),
// then measures:
//   push API, new mentions and re-seen mentions with changed engagement (mentions/s; several clients, 100 a request);
//   one detection pass over all brands, cold (first after start) and warm (ms), and the first pass of a restarted
//     app, which resumes the detectors from the checkpoints the earlier passes wrote (ms);
//   the built daemon (dist/src/main.js, a separate process on the same server): start-up to /readyz 200 (s),
//     its RSS after a detection pass and some dashboard requests (MB);
//   dashboard p95: fresh computation (custom from/to, which bypasses the snapshot) and from the snapshot, 24h/7d/30d;
//   `goldenhour replay` of a generated 3-day, 1,200-mention scenario on the same server (s).
// Each figure prints as a line `figure  size  value  unit` as soon as it is known; a failing step prints
// `figure  size  ERROR  message` and the run goes on. The final table gives, per figure, the ratio of the value at the
// largest size to the one at the smallest ("flatness": 1 is flat; compared within one run, the machine is noisy).
// Options: --sizes a,b,c  --quick  --new N  --reseen N  --clients N  --per-request N  --runs N  --budget SECONDS (each measurement,
// 300; --quick 120)  --replay-budget SECONDS (default: --budget)  --keep (the data folders)
//   --data DIR: keep each size's seeded database in DIR/N and reuse it on the next run with that DIR (seeding 1,000,000
//   takes tens of minutes; a reused history ends when it was seeded, so the last 24 h hold fewer mentions as it ages);
//   --seed-only: with --data, seed what is missing and measure nothing
import 'reflect-metadata';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mongoose';
import { DetectionService } from '../src/detection/detection.service.js';
import { BucketsService } from '../src/mentions/buckets.service.js';
import { MentionStates } from '../src/mentions/mention-states.js';
import { StoriesService } from '../src/stories/stories.service.js';
import { TokensService } from '../src/platform/auth/tokens.service.js';
import { createApp } from '../src/boot.js';
import { AppConfig } from '../src/platform/config/app-config.js';
import { openDatabase, type DatabaseHandle } from '../src/platform/database/embedded-database.js';
import { BRANDS, DAY_MS, historyMention, newMention, reseen } from './support/scale-data.js';
import { figure, log, report, step, summary } from './support/scale-figures.js';
import { dashboard, push } from './support/scale-http.js';
import { parseOptions, type Options } from './support/scale-options.js';
import { appConfig, daemon, replay } from './support/scale-processes.js';
import { compactAsDaemon, seed } from './support/scale-seed.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HISTORY_DAYS = 35;

async function runSize(size: number, o: Options): Promise<void> {
  console.log(`\n## ${size.toLocaleString('en')} stored mentions`);
  const dataDir = o.dataRoot ? join(o.dataRoot, String(size)) : mkdtempSync(join(tmpdir(), `gh-bench-scale-${size}-`));
  mkdirSync(dataDir, { recursive: true });
  const seeded = join(dataDir, 'seeded.json');
  const dbName = `bench_scale_${size}`;
  let db: DatabaseHandle | undefined;
  try {
    db = await openDatabase({ dataDir, cacheDir: join(ROOT, '.cache/ferretdb'), env: { ...process.env, MONGODB_URI: undefined }, log: () => undefined });
    log(`database: ${db.kind} (${db.uri}), data in ${dataDir}`);
    const values = appConfig(dbName);
    const earlier = existsSync(seeded) ? (JSON.parse(readFileSync(seeded, 'utf8')) as { historyEnd: number; rate: number }) : undefined;
    const historyEnd = earlier?.historyEnd ?? Date.now();
    const historyStart = historyEnd - HISTORY_DAYS * DAY_MS;

    if (earlier) {
      report('seed_rate', size, earlier.rate, 'mentions/s', `reused: seeded ${((Date.now() - historyEnd) / 3_600_000).toFixed(1)} h ago into ${dataDir}`);
    } else {
      await step(size, [['seed_rate', 'mentions/s']], () => seed(size, values, db!.uri, historyStart, historyEnd, o));
      const rate = figure('seed_rate', 'mentions/s').values.get(size);
      if (o.dataRoot && rate) writeFileSync(seeded, JSON.stringify({ size, historyEnd, rate }));
    }
    if (o.seedOnly) return;

    // A fresh application for the measurements, so the first detection pass is a cold one.
    let app: INestApplication | undefined;
    let token = '';
    let url = '';
    await step(size, [['app_start', 's']], async () => {
      const t0 = performance.now();
      app = await createApp({ config: new AppConfig(values, false, null), mongoUri: db!.uri, scheduling: false, logger: new ConsoleLogger({ logLevels: ['error'] }) });
      await app.listen(0, '127.0.0.1');
      url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
      token = (await app.get(TokensService).create('bench-scale', 'admin')).token;
      report('app_start', size, (performance.now() - t0) / 1000, 's', 'in-process Nest app, to listening');
      // A history seeded by an earlier goldenhour (--data) lacks the day digests of counters and stories added since: what `goldenhour migrate` adds.
      const digested = await app.get(BucketsService).digestMissingDays();
      if (digested) log(`${digested} days of counters and stories digested (seeded before their digests) or negative-highlight collections regrouped into blocks`);
      const copied = await app.get(StoriesService).copyMissingDays(new Date());
      if (copied) log(`${copied} recent story days copied for the detection pass (stored before the copies)`);
      // An earlier run's pushes are still in today's deltas; a daemon running on this history since would have folded them.
      if (earlier) await compactAsDaemon(app, 'since the last run on this history');
      // detect_cold is the first pass ever on a history: an earlier run's detector checkpoints would make it a resume.
      for (const b of BRANDS) await app.get<Connection>(getConnectionToken()).db!.dropCollection(`detector_checkpoint_${b.id}`).catch(() => undefined);
    });
    if (app) {
      await step(size, [['mention_cache_warm', 's']], async () => {
        // What a daemon does at start before /readyz: refill its mention cache from the journal.
        const t0 = performance.now();
        await app!.get(MentionStates).warm();
        report('mention_cache_warm', size, (performance.now() - t0) / 1000, 's', `${app!.get(MentionStates).size} mentions known`);
      });
      await step(size, [['story_window_warm', 's']], async () => {
        // And, in the background beside it, load the story index's hot window (the days a mention published now needs).
        const t0 = performance.now();
        await app!.get(StoriesService).warmWindow();
        report('story_window_warm', size, (performance.now() - t0) / 1000, 's', 'the story index of the last 3 days, loaded before the first batch');
      });
      await step(size, [['detect_cold', 'ms'], ['detect_warm', 'ms']], async () => {
        const detection = app!.get(DetectionService);
        for (const name of ['detect_cold', 'detect_warm']) {
          const t0 = performance.now();
          const pass = detection.runDetection(new Date());
          const changed = await withTimeout(pass, o.budgetMs, name).catch(() => null);
          if (!changed) {
            // Past the budget: a lower bound; let the pass end (no overlap with what follows) and skip the warm one.
            report(name, size, performance.now() - t0, 'ms', `AT LEAST: still running at the ${o.budgetMs / 1000} s budget`, true);
            await pass.catch(() => undefined);
            break;
          }
          report(name, size, performance.now() - t0, 'ms', `${changed.length} signals changed`);
        }
      });
      await step(size, [['detect_restart', 'ms']], async () => {
        // A restarted daemon (before the push below crowds the last hour): a second app whose first pass resumes the
        // detectors from the checkpoints the passes above wrote.
        const again = await createApp({ config: new AppConfig(values, false, null), mongoUri: db!.uri, scheduling: false, logger: new ConsoleLogger({ logLevels: ['error'] }) });
        try {
          const t0 = performance.now();
          const changed = await withTimeout(again.get(DetectionService).runDetection(new Date()), o.budgetMs, 'detect_restart');
          report('detect_restart', size, performance.now() - t0, 'ms', `first pass of a second app on the same database; ${changed.length} signals changed`);
        } finally {
          await again.close().catch((err: Error) => log(`closing the app: ${err.message}`));
        }
      });
      for (const period of ['24h', '7d', '30d'] as const) {
        await step(size, [[`dash_fresh_${period}_p95`, 'ms']], () => dashboard(url, token, size, period, 'fresh', o));
      }
      for (const period of ['24h', '7d', '30d'] as const) {
        await step(size, [[`dash_cached_${period}_p95`, 'ms']], () => dashboard(url, token, size, period, 'cached', o));
      }
      await step(size, [['api_new', 'mentions/s'], ['api_new_request_p95', 'ms']], async () => {
        const now = Date.now();
        const items = Array.from({ length: o.newCount }, (_, k) => newMention(k, now, `new-${size}-${now.toString(36)}-`));
        await push(url, token, size, 'api_new', items, o, 'imported');
      });
      await step(size, [['api_reseen', 'mentions/s'], ['api_reseen_request_p95', 'ms']], async () => {
        const count = Math.min(o.reseenCount, size);
        const now = Date.now();
        // Evenly over the whole history (so about 1 in 7 is more than 30 days old), sent in a shuffled order.
        const picked = Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * size) / count));
        const order = shuffle(picked, size);
        const items = order.map((i, k) => reseen(historyMention(i, size, historyStart, historyEnd - historyStart, 'm'), now, k));
        const old = items.filter((m) => now - Date.parse(m.publishedAt) >= 30 * DAY_MS).length;
        log(`re-seen: ${count} stored mentions across ${HISTORY_DAYS} days, ${old} of them 30+ days old`);
        await push(url, token, size, 'api_reseen', items, o, 'updated');
      });
      await app.close().catch((err: Error) => log(`closing the app: ${err.message}`));
    }

    await step(size, [['daemon_readyz', 's'], ['daemon_rss', 'MB']], () => daemon(size, db!.uri, dbName, dataDir, token, o));
    await step(size, [['replay_3d_1200', 's']], () => replay(size, db!.uri, dataDir, o));
  } catch (err) {
    log(`size ${size} stopped: ${(err as Error).stack ?? err}`);
  } finally {
    await db?.stop().catch(() => undefined);
    if (!o.keep && !o.dataRoot) rmSync(dataDir, { recursive: true, force: true });
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`${what}: gave up after ${ms / 1000} s`)), ms);
    p.then((v) => { clearTimeout(t); res(v); }, (e: unknown) => { clearTimeout(t); rej(e); });
  });
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed | 0;
  const r = () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) | 0) >>> 0) / 4_294_967_296;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  console.log(`bench:scale — sizes ${o.sizes.map((s) => s.toLocaleString('en')).join(', ')}; ${HISTORY_DAYS} days of history, ${BRANDS.length} brands, 6 platforms; ` +
    `push API ${o.newCount} new + ${o.reseenCount} re-seen (${o.clients} clients × ${o.perRequest}/request); dashboard ${o.runs} requests a preset; budget ${o.budgetMs / 1000} s a measurement`);
  console.log('lines: figure  size  value  unit');
  for (const size of o.sizes) await runSize(size, o);
  summary(o.sizes);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.stack ?? err);
    process.exit(1);
  },
);
