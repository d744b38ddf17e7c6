// `npm run bench:privacy [-- MENTIONS [DAYS]]`: a retention purge of MENTIONS expired mentions (default
// BENCH_PURGE_MENTIONS or 1,000,000, spread over DAYS day partitions, default 90, with their key claims,
// negative highlights and journal hours), timed, and the ingest rate measured before and while it runs, in the same
// run, into the embedded database (or MONGODB_URI). Asserts nothing.
import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journalCollection } from '../src/core/mention/journal.js';
import { keyMonths } from '../src/core/mention/key-months.js';
import { utcDay } from '../src/core/mention/mention-state.js';
import { IngestService } from '../src/mentions/ingest.service.js';
import { createApp } from '../src/boot.js';
import { AppConfig } from '../src/platform/config/app-config.js';
import { configSchema } from '../src/platform/config/schema.js';
import { openDatabase } from '../src/platform/database/embedded-database.js';
import { RetentionJob } from '../src/privacy/retention.job.js';

const TOTAL = Number(process.argv[2] ?? process.env.BENCH_PURGE_MENTIONS ?? 1_000_000);
const DAYS = Number(process.argv[3] ?? 90);
// Small batches, so a purge that stops ingest for seconds shows in the rate.
const INGEST_BATCH = 100;
const DAY_MS = 86_400_000;

/** A stored mention document as ingest writes it (about 600 bytes), published `daysAgo` days before now. */
function storedDoc(n: number, day: number): Record<string, unknown> {
  const publishedAt = new Date(day + (n % 86_000) * 1000);
  return {
    _id: `weibo:old-${n}`,
    brand: 'acme',
    platform: 'weibo',
    externalId: `old-${n}`,
    url: `https://weibo.example/old-${n}`,
    author: { name: `user${n % 5000}`, hash: (n * 2654435761).toString(16).padStart(16, '0').slice(0, 16) },
    text: n % 3 ? `Ordered from Acme again, delivery was fast #${n % 97}` : `吃出了异物，太恶心了，要求退款 #${n % 97}`,
    lang: n % 3 ? 'en' : 'zh',
    publishedAt,
    firstSeenAt: publishedAt,
    lastSeenAt: publishedAt,
    engagement: { likes: n % 50, shares: n % 7, comments: n % 11, views: n % 1000 },
    sentiment: { score: n % 3 ? 0.4 : -0.6, label: n % 3 ? 'positive' : 'negative' },
    crisis: [],
    keywords: ['acme', 'delivery'],
    counted: { brand: 'acme', platform: 'weibo', bucket: publishedAt.getTime() - (publishedAt.getTime() % 300_000) },
    rev: 1,
  };
}

async function seed(connection: Connection, now: number): Promise<void> {
  const perDay = Math.ceil(TOTAL / DAYS);
  const t0 = performance.now();
  for (let d = 0, n = 0; d < DAYS && n < TOTAL; d++) {
    const day = now - (200 - d) * DAY_MS;
    const dayStart = day - (day % DAY_MS);
    const docs: Record<string, unknown>[] = [];
    for (let i = 0; i < perDay && n < TOTAL; i++, n++) docs.push(storedDoc(n, dayStart));
    for (let i = 0; i < docs.length; i += 5000) await connection.db!.collection(`mentions_${utcDay(dayStart)}`).insertMany(docs.slice(i, i + 5000) as never[], { ordered: false });
    const negatives = docs.filter((_, i) => i % 3 === 0).map((m) => ({ _id: m._id, brand: 'acme', platform: 'weibo', externalId: m.externalId, text: m.text, publishedAt: m.publishedAt, engagement: 3, crisisTerms: [] }));
    const claims = docs.map((m) => ({ _id: m._id, day: utcDay(dayStart) }));
    for (const month of keyMonths(utcDay(dayStart))) for (let i = 0; i < claims.length; i += 5000) await connection.db!.collection(`mention_keys_${month}`).insertMany(claims.slice(i, i + 5000) as never[], { ordered: false });
    for (let i = 0; i < negatives.length; i += 5000) await connection.db!.collection(`negatives_${utcDay(dayStart)}`).insertMany(negatives.slice(i, i + 5000) as never[]);
    for (let h = 0; h < 24; h++) await connection.db!.collection(journalCollection(dayStart + h * 3_600_000)).insertOne({ at: new Date(dayStart + h * 3_600_000), data: JSON.stringify(docs.slice(0, 40).map((m) => ({ k: m._id, b: 'acme', r: 1, d: utcDay(dayStart), q: 0, t: dayStart + h * 3_600_000, e: [1, 0, 0, 1], p: 'neutral' }))) });
    if (d % 10 === 9) process.stdout.write(`  seeded ${n} mentions (${Math.round(n / ((performance.now() - t0) / 1000))} docs/s)\n`);
  }
}

function freshBatch(prefix: string, n0: number, now: number): Record<string, unknown>[] {
  return Array.from({ length: INGEST_BATCH }, (_, i) => ({
    brand: 'acme',
    platform: 'jd',
    externalId: `${prefix}-${n0 + i}`,
    text: `阿克米的外卖送得很快 call 13987654321 #${(n0 + i) % 97}`,
    publishedAt: new Date(now - ((n0 + i) % 3600) * 1000).toISOString(),
    engagement: { likes: i % 9, shares: 0, comments: 1, views: 10 },
    author: { name: `buyer${i}` },
  }));
}

async function main(): Promise<void> {
  const db = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'gh-bench-')), cacheDir: '.cache/ferretdb', env: process.env, log: () => undefined });
  const values = configSchema.parse({ port: 0, dbName: `bench_privacy_${Date.now()}`, brands: [{ id: 'acme', name: 'Acme' }] });
  const app = await createApp({ config: new AppConfig(values, false, null), mongoUri: db.uri, scheduling: false, logger: new ConsoleLogger({ logLevels: ['error'] }) });
  const connection = app.get<Connection>(getConnectionToken());
  const ingest = app.get(IngestService);
  const now = Date.now();
  console.log(`database: ${db.kind}; seeding ${TOTAL} expired mentions over ${DAYS} day partitions (${Math.ceil(TOTAL / DAYS)} a day, 200 to ${201 - DAYS} days old)`);
  await seed(connection, now);

  let sent = 0;
  const ingestFor = async (label: string, until: () => boolean) => {
    const t0 = performance.now();
    let n = 0;
    while (!until()) {
      await ingest.ingest(freshBatch(label, sent, now));
      sent += INGEST_BATCH;
      n += INGEST_BATCH;
    }
    const s = (performance.now() - t0) / 1000;
    return { n, s, rate: n / s };
  };
  const baselineEnd = performance.now() + 30_000;
  const baseline = await ingestFor('base', () => performance.now() > baselineEnd);
  console.log(`ingest alone                       ${Math.round(baseline.rate).toString().padStart(6)} mentions/s (${baseline.n} in ${baseline.s.toFixed(1)} s)`);

  let done = false;
  const t0 = performance.now();
  const purge = app.get(RetentionJob).purge().finally(() => (done = true));
  const during = await ingestFor('during', () => done);
  const removed = await purge;
  const purgeS = (performance.now() - t0) / 1000;
  console.log(`purge of ${TOTAL} expired mentions    ${purgeS.toFixed(1)} s; removed ${JSON.stringify(removed)}`);
  console.log(`ingest while the purge ran         ${Math.round(during.rate).toString().padStart(6)} mentions/s (${during.n} in ${during.s.toFixed(1)} s), ${Math.round((100 * during.rate) / baseline.rate)}% of ingest alone`);
  await app.close();
  await db.stop();
}

await main();
