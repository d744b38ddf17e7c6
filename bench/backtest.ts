// `npm run bench:backtest`: the cost of `goldenhour backtest --since 30d` at 1,000,000 mentions in the
// period. A backtest reads only the counter ledger (and the period's stored signals and alerts), never a
// mention, so only the ledger is loaded: the counters of 1 M synthetic mentions over the 30 days plus the
// detectors' 29 warm-up days at the same rate, computed with ingest's own core code (contributionOf +
// addDelta) and written through the ledger's repository, one day at a time, then compacted. One crisis
// (negatives ×5 with a crisis term for two hours) sits in the period so the rules have something to fire
// on. Prints the time, the buckets replayed and the heap; asserts nothing. BENCH_MENTIONS changes the size.
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BacktestService } from '../src/backtest/backtest.service.js';
import { replayDays } from '../src/core/detection/bucket-readings.js';
import { addDelta, contributionOf, emptyDeltas } from '../src/core/mention/contribution.js';
import type { Polarity } from '../src/core/sentiment/types.js';
import { BucketsRepository } from '../src/mentions/buckets.repository.js';
import { createApp } from '../src/boot.js';
import { AppConfig } from '../src/platform/config/app-config.js';
import { configSchema } from '../src/platform/config/schema.js';
import { openDatabase } from '../src/platform/database/embedded-database.js';

const MENTIONS = Number(process.env.BENCH_MENTIONS ?? 1_000_000);
const PERIOD_DAYS = 30;
const DAY = 86_400_000;
const PLATFORMS = ['weibo', 'xiaohongshu', 'douyin', 'jd', 'news', 'reddit'];
const VOCABULARY = Array.from({ length: 2000 }, (_, i) => `topic${String(i).padStart(4, '0')}`);
const CRISIS_TERMS = ['food poisoning', '食物中毒', 'recall', 'mold'];

let seed = 7;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(xs: readonly T[], skew = 1) => xs[Math.floor(xs.length * random() ** skew)]!;

/** One day of counters: a daily cycle, ~12 % negative; inside the crisis window, extra negatives naming a crisis term. */
async function writeDay(app: INestApplication, dayStart: number, perDay: number, crisis: { from: number; to: number }): Promise<void> {
  const deltas = emptyDeltas();
  for (let i = 0; i < perDay; i++) {
    const hour = Math.floor(24 * random());
    const publishedAt = new Date(dayStart + hour * 3_600_000 + Math.floor(random() * 3_600_000));
    if (random() > 0.55 + 0.45 * Math.sin((Math.PI * hour) / 24)) continue;
    const inCrisis = publishedAt.getTime() >= crisis.from && publishedAt.getTime() < crisis.to;
    const r = random();
    const polarity: Polarity = inCrisis && r < 0.5 ? 'negative' : r < 0.12 ? 'negative' : r < 0.4 ? 'neutral' : 'positive';
    const crisisTerms = polarity === 'negative' && (inCrisis || random() < 0.02) ? [pick(CRISIS_TERMS)] : [];
    const engagement = { likes: Math.floor(random() ** 4 * 500), shares: 0, comments: 0, views: 0 };
    addDelta(deltas, null, contributionOf({ brand: 'bench', platform: pick(PLATFORMS, 1.5), publishedAt, polarity, crisisTerms, topics: [pick(VOCABULARY, 3)], engagement }));
  }
  await app.get(BucketsRepository).apply(deltas);
  await app.get(BucketsRepository).compact();
}

async function main(): Promise<void> {
  const db = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'gh-bench-backtest-')), cacheDir: '.cache/ferretdb', env: process.env, log: () => undefined });
  const values = configSchema.parse({ port: 0, dbName: `bench_backtest_${Date.now()}`, logLevel: 'error', brands: [{ id: 'bench', name: 'bench' }] });
  const app = await createApp({ config: new AppConfig(values, false, null), mongoUri: db.uri, scheduling: false, logger: false });
  await app.init();
  const until = Math.floor(Date.now() / DAY) * DAY;
  const days = PERIOD_DAYS + replayDays();
  // Days are drawn at ~1.3× the target and thinned by the daily cycle to about the target rate.
  const perDay = Math.round((MENTIONS / PERIOD_DAYS) * 1.33);
  const crisis = { from: until - 12 * DAY + 13 * 3_600_000, to: until - 12 * DAY + 15 * 3_600_000 };
  console.log(`database: ${db.kind}; writing the counters of ~${MENTIONS.toLocaleString('en')} mentions per ${PERIOD_DAYS} days over ${days} days (period + detector warm-up)…`);
  const t0 = performance.now();
  for (let d = 0; d < days; d++) await writeDay(app, until - (days - d) * DAY, perDay, crisis);
  console.log(`counters written in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 50);
  const started = performance.now();
  const report = await app.get(BacktestService).run({ from: new Date(until - PERIOD_DAYS * DAY), to: new Date(until) });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const inPeriod = report.signalsOpened;
  console.log(`backtest --since ${PERIOD_DAYS}d of ${report.brands.join(", ")}: ${seconds.toFixed(1)} s, ${report.bucketsRead.toLocaleString('en')} buckets replayed, heap +${((heapPeak - heapBefore) / 1e6).toFixed(0)} MB at peak`);
  console.log(`  signals opened: ${JSON.stringify(inPeriod)}; alerts (current rules): ${JSON.stringify(report.current.bySeverity)}, incidents ${report.current.incidents.length}`);
  await app.close();
  await db.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
