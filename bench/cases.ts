// `npm run bench:cases`: the reply queue API (GET /api/v1/cases) with BENCH_OPEN open cases (100,000)
// and BENCH_CLOSED closed ones (1,000,000) on the embedded database. Cases are seeded by bulk inserts
// of the documents the case writer stores (open and closed cases; queue entries placed and written by the
// queue repository's batch methods, as a batch of new cases is); seeding
// stops after BENCH_SEED_SECONDS (1,200) and the figures say how many were seeded. Baseline: the same
// call on the empty queue, in the same run. Prints figures; asserts nothing.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseQueueRepository } from '../src/cases/case-queue.repository.js';
import { CasesRepository } from '../src/cases/cases.repository.js';
import { resolve as resolveCase } from '../src/core/cases/case-actions.js';
import { casePolicySchema, type PlatformRules } from '../src/core/cases/case-rules.js';
import type { Case } from '../src/core/cases/case.js';
import { openCase } from '../src/core/cases/open-case.js';
import { TokensService } from '../src/platform/auth/tokens.service.js';
import { createApp } from '../src/boot.js';
import { AppConfig } from '../src/platform/config/app-config.js';
import { configSchema } from '../src/platform/config/schema.js';
import { openDatabase } from '../src/platform/database/embedded-database.js';

const OPEN = Number(process.env.BENCH_OPEN ?? 100_000);
const CLOSED = Number(process.env.BENCH_CLOSED ?? 1_000_000);
const SEED_SECONDS = Number(process.env.BENCH_SEED_SECONDS ?? 1200);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const CHUNK = 2000;
// Open cases are placed in the queue this many at a time: all at once, so each partition gets one insert (a
// batch of new cases is placed the same way; an ingest batch spans minutes of due times, not 30 hours).
const OPEN_CHUNK = OPEN;
const BRANDS = ['acme', 'bolt', 'cirrus', 'delta'];
const PLATFORMS = ['jd', 'tmall', 'weibo', 'xiaohongshu', 'douyin', 'appstore'];
const ASPECTS = [['delivery'], ['service'], ['delivery', 'service'], [], ['packaging'], ['price'], [], []];
const OWNERS = Array.from({ length: 40 }, (_, i) => `agent-${i}`);
const policy = casePolicySchema.parse({ id: 'case-default', firstReplyWithinMinutes: 240, resolveWithinMinutes: 1440, businessHours: false });
const rules: PlatformRules = { triggers: { negativeAddressed: true, maxStars: 2, crisisTerms: true, minFollowers: 100_000, review: true }, team: 'care', policy };

let seed = 7;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(xs.length * random())]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

/** A case opened at `openedAt`, as the intake would store it. */
function syntheticCase(n: number, openedAt: Date): Case {
  const platform = pick(PLATFORMS);
  const c = openCase(
    {
      id: `${platform}:b${n}`, brand: pick(BRANDS), platform, externalId: `b${n}`, url: `https://example.com/${platform}/${n}`, text: `快递晚了${n % 9}天，客服也不回复 — late delivery, order ${n}`, publishedAt: openedAt,
      author: { name: `buyer ${n}`, hash: `h${n}`, followers: Math.floor(random() ** 4 * 200_000) }, rating: 1, sentiment: { score: -0.6, label: 'negative' }, crisisTerms: [], keywords: ['delivery', '客服'],
    },
    ['low-rating', 'negative-review'],
    rules,
    openedAt,
  );
  const aspects = pick(ASPECTS);
  return { ...c, ...(aspects.length ? { aspects } : {}), ...(random() < 0.3 ? { owner: pick(OWNERS) } : {}) };
}

async function main(): Promise<void> {
  const db = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'gh-bench-cases-')), cacheDir: '.cache/ferretdb', env: process.env, log: () => undefined });
  const values = configSchema.parse({ port: 0, dbName: `bench_cases_${Date.now()}`, logLevel: 'error', api: { rateLimitPerMinute: 100_000 } });
  const app = await createApp({ config: new AppConfig(values, false, null), mongoUri: db.uri, scheduling: false, logger: false });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const token = (await app.get(TokensService).create('bench', 'viewer')).token;
  const cases = app.get(CasesRepository);
  const queue = app.get(CaseQueueRepository);

  const call = async (query: string) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1/cases?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { cases: unknown[]; partitionsRead: number };
    if (!res.ok) throw new Error(`GET /api/v1/cases?${query}: ${res.status}`);
    return { ms: performance.now() - t0, rows: body.cases.length, slots: body.partitionsRead };
  };
  const measure = async (label: string, query: string, runs = RUNS) => {
    const warm = await call(query);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await call(query)).ms);
    console.log(`  ${label.padEnd(34)} ${String(warm.rows).padStart(3)} rows, ${String(warm.slots).padStart(4)} partitions read:  p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms   max ${Math.max(...times).toFixed(1).padStart(7)} ms`);
  };

  console.log(`database: ${db.kind}`);
  console.log('baseline, empty queue:');
  await measure('GET /api/v1/cases?limit=50', 'limit=50');

  const now = Date.now();
  const deadline = performance.now() + SEED_SECONDS * 1000;
  const started = performance.now();
  let open = 0;
  for (; open < OPEN && performance.now() < deadline; open += OPEN_CHUNK) {
    // Opened over the last 30 hours: most overdue, the rest due within the next 4 hours.
    const batch = Array.from({ length: Math.min(OPEN_CHUNK, OPEN - open) }, (_, i) => syntheticCase(open + i, new Date(now - 30 * 3_600_000 * random())));
    const moves = await queue.place(batch.map((after) => ({ after })));
    const placed = batch.map((c, i) => ({ ...c, queued: moves[i]!.placed }));
    for (let i = 0; i < placed.length; i += CHUNK) await cases.insertMany(placed.slice(i, i + CHUNK));
    await queue.move(moves);
    process.stdout.write(`  open cases: ${(open + batch.length).toLocaleString('en')} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  open = Math.min(open, OPEN);
  let closed = 0;
  for (; closed < CLOSED && performance.now() < deadline; closed += CHUNK) {
    const batch = Array.from({ length: Math.min(CHUNK, CLOSED - closed) }, (_, i) => {
      const opened = new Date(now - 400 * 86_400_000 * random());
      return resolveCase(syntheticCase(OPEN + closed + i, opened), 'bench', new Date(opened.getTime() + 20 * 3_600_000));
    });
    await cases.insertMany(batch);
    if ((closed / CHUNK) % 50 === 0) process.stdout.write(`  closed cases: ${(closed + batch.length).toLocaleString('en')} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  closed = Math.min(closed, CLOSED);
  console.log(`seeded ${open.toLocaleString('en')} open and ${closed.toLocaleString('en')} closed cases in ${((performance.now() - started) / 1000).toFixed(0)} s (${Object.keys(await queue.partitions('all')).length} partitions of the whole queue)`);

  console.log(`GET /api/v1/cases (queue order, first page), ${RUNS} calls each after one warm-up:`);
  await measure('limit=50', 'limit=50');
  await measure('limit=200', 'limit=200');
  await measure('brand=acme&limit=50', 'brand=acme&limit=50');
  await measure('brand=acme&platform=jd&limit=50', 'brand=acme&platform=jd&limit=50');
  await measure('owner=agent-7&limit=50', 'owner=agent-7&limit=50', 2);
  await measure('aspect=packaging&limit=50', 'aspect=packaging&limit=50');
  await measure('team=care&aspect=price&limit=50', 'team=care&aspect=price&limit=50');
  await app.close();
  await db.stop();
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
