// `npm run bench:dashboard`: loads 1,000,000 synthetic mentions (35 days, three brands, six platforms),
// then times the dashboard for 24 h / 7 d / 30 d: a fresh computation from the rollups (what a request
// waits for when no recent snapshot exists), and GET /api/v1/dashboard over HTTP as the web app calls it
// (p50/p95 of repeated calls, served from the snapshot the daemon keeps for `dashboard.cacheSeconds`).
// Loading: the documents ingest would write, written in bulk — mentions with insertMany, the counters
// computed with the same core code ingest uses (contributionOf + addDelta) and written to the counter
// ledger through its repository (then compacted), and the negative highlights through theirs — because
// a million mentions through IngestService would take far longer than the minutes a benchmark should. Prints figures; asserts nothing. BENCH_MENTIONS and BENCH_RUNS change the size.
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { utcDay } from '../src/core/mention/mention-state.js';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bucketStart } from '../src/core/mention/bucket.js';
import { IncidentsReader } from '../src/dashboards/incidents-reader.js';
import { BrandsService } from '../src/brands/brands.service.js';
import { DashboardService } from '../src/dashboards/dashboard.service.js';
import { resolvePeriod, type Preset } from '../src/core/dashboards/period.js';
import { BucketsRepository } from '../src/mentions/buckets.repository.js';
import { BucketsService } from '../src/mentions/buckets.service.js';
import type { StoredMention } from '../src/mentions/mention.js';
import { MentionsService } from '../src/mentions/mentions.service.js';
import { NegativesRepository } from '../src/mentions/negatives.repository.js';
import { addDelta, contributionOf, emptyDeltas, type BucketDeltas } from '../src/core/mention/contribution.js';
import type { Polarity } from '../src/core/sentiment/types.js';
import { TokensService } from '../src/platform/auth/tokens.service.js';
import { createApp } from '../src/boot.js';
import { AppConfig } from '../src/platform/config/app-config.js';
import { configSchema } from '../src/platform/config/schema.js';
import { openDatabase } from '../src/platform/database/embedded-database.js';

const MENTIONS = Number(process.env.BENCH_MENTIONS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DAYS = 35;
const BRANDS = [
  { id: 'bench', share: 0.7, competitors: ['rival-a', 'rival-b'] },
  { id: 'rival-a', share: 0.15, competitors: [] },
  { id: 'rival-b', share: 0.15, competitors: [] },
];
const PLATFORMS = ['weibo', 'xiaohongshu', 'douyin', 'jd', 'news', 'reddit'];
const VOCABULARY = Array.from({ length: 2000 }, (_, i) => `topic${String(i).padStart(4, '0')}`);
const CRISIS = ['food poisoning', '食物中毒', 'recall', 'fraud', 'injury', 'contaminated', '拉肚子', 'mold', 'lawsuit', 'boycott'];

/** mulberry32: a small seeded generator, so every run loads the same data. */
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(xs: readonly T[], skew = 1) => xs[Math.floor(xs.length * random() ** skew)]!;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

function syntheticMention(n: number, brand: string, publishedAt: Date) {
  const r = random();
  const polarity: Polarity = r < 0.15 ? 'negative' : r < 0.4 ? 'neutral' : 'positive';
  const crisis = polarity === 'negative' && random() < 0.12 ? [{ term: pick(CRISIS), category: 'bench', severity: 0.8 }] : [];
  const keywords = [...new Set([pick(VOCABULARY, 3), pick(VOCABULARY, 3), pick(VOCABULARY, 3)])];
  const engagement = { likes: Math.floor(random() ** 4 * 5000), shares: Math.floor(random() ** 5 * 1000), comments: Math.floor(random() ** 4 * 300), views: Math.floor(random() * 20_000) };
  const platform = pick(PLATFORMS, 1.5);
  const externalId = `b${n}`;
  const counted = contributionOf({ brand, platform, publishedAt, polarity, crisisTerms: crisis.map((c) => c.term), topics: keywords, engagement });
  return {
    _id: `${platform}:${externalId}`, brand, platform, externalId, source: 'bench', url: `https://example.com/${platform}/${externalId}`,
    author: { name: `user${n % 50_000}` }, text: `synthetic mention ${n} about ${brand}: ${keywords.join(' ')}`, lang: 'en',
    publishedAt, firstSeenAt: publishedAt, lastSeenAt: publishedAt, engagement,
    sentiment: { score: polarity === 'negative' ? -0.6 : polarity === 'positive' ? 0.6 : 0, label: polarity }, crisis, keywords, counted, rev: 1,
  };
}

/** Writes one day of mentions and the counters they add up to; returns how many 5-minute buckets those are. */
async function writeDay(app: INestApplication, db: Connection, mentions: ReturnType<typeof syntheticMention>[], ms: Record<string, number>): Promise<number> {
  const deltas: BucketDeltas = emptyDeltas();
  for (const m of mentions) addDelta(deltas, null, m.counted);
  const timed = async (name: string, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    ms[name] = (ms[name] ?? 0) + performance.now() - t0;
  };
  await timed('mentions', () => Promise.all([0, 1].map(async (lane) => {
    // Mention documents live in partitions by UTC day of publication, as ingest stores them.
    for (let i = lane * 2000; i < mentions.length; i += 4000) {
      const chunk = mentions.slice(i, i + 2000);
      for (const day of new Set(chunk.map((m) => utcDay(m.publishedAt)))) await db.collection(`mentions_${day}`).insertMany(chunk.filter((m) => utcDay(m.publishedAt) === day) as never[], { ordered: false });
    }
  })));
  await timed('counters', async () => {
    await app.get(BucketsRepository).apply(deltas);
    await app.get(BucketsRepository).compact();
  });
  await timed('negatives', () => app.get(NegativesRepository).track(mentions.map((m) => ({ before: null, after: m as unknown as StoredMention }))));
  return deltas.buckets.size + deltas.topics.size;
}

async function main(): Promise<void> {
  const db = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'gh-bench-dash-')), cacheDir: '.cache/ferretdb', env: process.env, log: () => undefined });
  const values = configSchema.parse({
    port: 0,
    dbName: `bench_dashboard_${Date.now()}`,
    logLevel: 'error',
    api: { rateLimitPerMinute: 100_000 },
    brands: BRANDS.map((b) => ({ id: b.id, name: b.id, competitors: b.competitors, timezone: 'Asia/Shanghai' })),
  });
  const app = await createApp({ config: new AppConfig(values, false, null), mongoUri: db.uri, scheduling: false, logger: false });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const token = (await app.get(TokensService).create('bench', 'admin')).token;
  const conn = app.get<Connection>(getConnectionToken());
  console.log(`database: ${db.kind}; loading ${MENTIONS.toLocaleString('en')} mentions over ${DAYS} days (bulk writes of ingest's documents)…`);

  const now = Date.now();
  const start = bucketStart(now - DAYS * 86_400_000);
  const perDay = Math.ceil(MENTIONS / DAYS);
  const loadStarted = performance.now();
  let n = 0;
  let bucketDocs = 0;
  const writeMs: Record<string, number> = {};
  for (let day = 0; day < DAYS && n < MENTIONS; day++) {
    const batch = [];
    for (let i = 0; i < perDay && n < MENTIONS; i++, n++) {
      const r = random();
      const brand = r < BRANDS[0]!.share ? BRANDS[0]!.id : r < BRANDS[0]!.share + BRANDS[1]!.share ? BRANDS[1]!.id : BRANDS[2]!.id;
      batch.push(syntheticMention(n, brand, new Date(Math.min(now - 1000, start + day * 86_400_000 + Math.floor(random() * 86_400_000)))));
    }
    bucketDocs += await writeDay(app, conn, batch, writeMs);
    process.stdout.write(`  day ${day + 1}/${DAYS}: ${n.toLocaleString('en')} mentions, ${bucketDocs.toLocaleString('en')} 5-minute buckets (${Object.entries(writeMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)} s`).join(', ')})\n`);
  }
  console.log(`loaded in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`);

  await profilePanels(app, Date.now());
  const call = async (period: string) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1/dashboard?brand=bench&period=${period}&tz=Asia/Shanghai`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { totals?: { total: number }; series?: unknown[] };
    if (!res.ok) throw new Error(`GET dashboard ${period}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return { ms: performance.now() - t0, total: body.totals!.total, points: body.series!.length };
  };
  await freshComputations(app);
  console.log(`GET /api/v1/dashboard?brand=bench (all panels in one response, served from the snapshot of dashboard.cacheSeconds), ${RUNS} calls each after one warm-up:`);
  for (const period of ['24h', '7d', '30d']) {
    const warm = await call(period);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await call(period)).ms);
    console.log(`  ${period.padEnd(4)} ${warm.total.toLocaleString('en').padStart(9)} mentions in range, ${String(warm.points).padStart(3)} chart points:  p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms   max ${Math.max(...times).toFixed(1).padStart(7)} ms`);
  }
  await app.close();
  await db.stop();
}

/** Times each read the dashboard makes, once, for 24 h and 30 d: shows where a fresh computation spends its time. */
async function profilePanels(app: INestApplication, now: number): Promise<void> {
  const buckets = app.get(BucketsService);
  const mentions = app.get(MentionsService);
  const incidents = app.get(IncidentsReader);
  for (const days of [1, 30]) {
    const q = { from: new Date(now - days * 86_400_000), to: new Date(now) };
    const parts: [string, () => Promise<unknown>][] = [
      ['rollups of 3 brands', () => buckets.rollupSums({ brands: BRANDS.map((b) => b.id), ...q, fineSlots: days === 1 })],
      ['latest negative mentions', () => mentions.latestNegative({ brand: 'bench', ...q, limit: 200 })],
      ['incidents', () => incidents.panel('bench', q.from, q.to)],
    ];
    const line: string[] = [];
    for (const [name, run] of parts) {
      const t0 = performance.now();
      await run();
      line.push(`${name} ${(performance.now() - t0).toFixed(0)} ms`);
    }
    console.log(`  reads for ${days === 1 ? '24 h' : '30 d'}: ${line.join(', ')}`);
  }
}

/** A fresh computation of every mention panel per preset (no snapshot): what the first request of a period waits for. */
async function freshComputations(app: INestApplication): Promise<void> {
  const dashboards = app.get(DashboardService);
  const brand = await app.get(BrandsService).get('bench');
  const line: string[] = [];
  for (const period of ['24h', '7d', '30d'] as Preset[]) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await dashboards.mentionPanels(brand, resolvePeriod({ period, tz: 'Asia/Shanghai' }, new Date()));
      times.push(performance.now() - t0);
    }
    line.push(`${period} median ${percentile(times, 50).toFixed(0)} ms`);
  }
  console.log(`fresh computation of the panels (3 runs each): ${line.join(', ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
