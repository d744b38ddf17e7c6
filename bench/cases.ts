// `npm run bench:cases`: the reply queue API (GET /api/v1/cases) and case reports (GET /api/v1/case-reports
// over 30 days) with BENCH_OPEN open cases (100,000) and BENCH_CLOSED closed ones (1,000,000, resolved over
// the last 400 days) on the embedded database. Baseline: the same calls on the empty database, in the same
// run. Prints figures; asserts nothing.
//
// How seeding differs from intake: intake stores each ingest batch's new cases (claims their threads, inserts
// them, places their queue entries, records their backlog and tells the CRM listener). Here every open case
// is placed at once by the queue repository (`place`, as a batch of new cases is) and its stored documents are
// written in big batches through the repositories' own writers: the cases (`insertMany`, 10,000 a call), each
// queue partition's entries in one insert and one directory delta per filter (`move`), the backlog in one
// delta; no thread claims, versions, CRM outbox rows or notifications. Closed cases go straight into
// `cases_closed` (which no queue read touches) with their closings for the last BENCH_CLOSING_DAYS days (40; a
// report reads only the days of its period), as resolution files them. Seeding stops after BENCH_SEED_SECONDS
// (2,400) and the figures say how many were seeded. BENCH_DATA=<dir> keeps the database there: a second run
// on the same dir skips the baseline and the open cases, seeds the closed cases still missing, and measures.
import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { CaseQueueRepository } from '../src/cases/case-queue.repository.js';
import { CasesRepository } from '../src/cases/cases.repository.js';
import { CaseReportsRepository } from '../src/cases/case-reports.repository.js';
import { markReplied, resolve as resolveCase } from '../src/core/cases/case-actions.js';
import { closingOf, dayOf, hourOf, reportKeys } from '../src/core/cases/case-report.js';
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
const SEED_SECONDS = Number(process.env.BENCH_SEED_SECONDS ?? 2400);
const CLOSING_DAYS = Number(process.env.BENCH_CLOSING_DAYS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DATA = process.env.BENCH_DATA;
/** What a kept database holds (BENCH_DATA/seeded.json). */
interface Seeded {
  open: number;
  closed: number;
  /** When the open cases were seeded (closed cases are resolved over the 400 days before). */
  at: string;
  seconds: number;
}
const CHUNK = 10_000;
const DAY = 86_400_000;
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
  if (DATA) mkdirSync(DATA, { recursive: true });
  const dataDir = DATA ?? mkdtempSync(join(tmpdir(), 'gh-bench-cases-'));
  const seededFile = join(dataDir, 'seeded.json');
  const seeded = existsSync(seededFile) ? (JSON.parse(readFileSync(seededFile, 'utf8')) as Seeded) : null;
  const db = await openDatabase({ dataDir, cacheDir: '.cache/ferretdb', env: process.env, log: () => undefined });
  const values = configSchema.parse({ port: 0, dbName: 'bench_cases', logLevel: 'error', api: { rateLimitPerMinute: 100_000 } });
  const app = await createApp({ config: new AppConfig(values, false, null), mongoUri: db.uri, scheduling: false, logger: false });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const token = (await app.get(TokensService).create('bench', 'viewer')).token;
  const cases = app.get(CasesRepository);
  const queue = app.get(CaseQueueRepository);
  const reports = app.get(CaseReportsRepository);

  const call = async (path: string) => {
    const t0 = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { cases?: unknown[]; rows?: unknown[]; partitionsRead?: number };
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    return { ms: performance.now() - t0, rows: (body.cases ?? body.rows)!.length, slots: body.partitionsRead ?? 0 };
  };
  const report = (s: number[]) => `p50 ${percentile(s, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(s, 95).toFixed(1).padStart(7)} ms   max ${Math.max(...s).toFixed(1).padStart(7)} ms`;
  const measure = async (label: string, query: string, runs = RUNS) => {
    const warm = await call(`/api/v1/cases?${query}`);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await call(`/api/v1/cases?${query}`)).ms);
    console.log(`  ${label.padEnd(34)} ${String(warm.rows).padStart(3)} rows, ${String(warm.slots).padStart(4)} partitions read:  ${report(times)}`);
  };
  // Intake creates partition collections as due times move on; on SQLite every connection re-reads the
  // schema (all tables) after one is created. A page read right after a new collection shows what that costs.
  const scratch = await mongoose.createConnection(db.uri, { dbName: 'bench_cases' }).asPromise();
  const measureAfterCreate = async (label: string, query: string) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await scratch.db!.collection(`bench_new_${Date.now()}_${i}`).insertOne({ _id: 'x' } as never);
      times.push((await call(`/api/v1/cases?${query}`)).ms);
    }
    console.log(`  ${label.padEnd(34)} each right after a new collection:       ${report(times)}`);
  };
  const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const measureReport = async (label: string, days: number, by: string) => {
    const path = `/api/v1/case-reports?from=${isoDay(Date.now() - (days - 1) * DAY)}&to=${isoDay(Date.now())}&by=${by}`;
    const first = await call(path);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await call(path)).ms);
    console.log(`  ${label.padEnd(34)} ${String(first.rows).padStart(3)} rows, first call ${first.ms.toFixed(0).padStart(6)} ms (folds finished days once), then ${report(times)}`);
  };
  const queueFigures = async () => {
    await measure('limit=50', 'limit=50');
    await measure('limit=200', 'limit=200');
    await measure('brand=acme&limit=50', 'brand=acme&limit=50');
    await measure('platform=jd&limit=50', 'platform=jd&limit=50');
    await measure('brand=acme&platform=jd&limit=50', 'brand=acme&platform=jd&limit=50');
    await measure('owner=agent-7&limit=50', 'owner=agent-7&limit=50');
    await measure('aspect=packaging&limit=50', 'aspect=packaging&limit=50');
    await measure('team=care&aspect=price&limit=50', 'team=care&aspect=price&limit=50');
  };
  const reportFigures = async () => {
    await measureReport('case-reports 30 days, by=all', 30, 'all');
    await measureReport('case-reports 30 days, by=owner', 30, 'owner');
  };

  const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`database: ${db.kind}; load average ${load()} (${cpus().length} cores)`);
  const deadline = performance.now() + SEED_SECONDS * 1000;
  const save = (state: Seeded) => DATA && writeFileSync(seededFile, JSON.stringify(state));
  let state = seeded;
  if (state) {
    console.log(`reusing ${dataDir}: ${state.open.toLocaleString('en')} open and ${state.closed.toLocaleString('en')} closed cases seeded at ${state.at} in ${state.seconds} s`);
  } else {
    console.log(`baseline, empty database (${RUNS} calls each after one warm-up):`);
    await queueFigures();
    await reportFigures();
    state = await seedOpen();
  }
  if (state.closed < CLOSED) await seedClosed(state);

  async function seedOpen(): Promise<Seeded> {
    const now = Date.now();
    const started = performance.now();
    const lap = (what: string) => console.log(`  ${what} (${((performance.now() - started) / 1000).toFixed(0)} s, load average ${load()})`);
    // Opened over the last 30 hours: most overdue, the rest due within the next 4 hours.
    const opened = Array.from({ length: OPEN }, (_, i) => syntheticCase(i, new Date(now - 30 * 3_600_000 * random())));
    const moves = await queue.place(opened.map((after) => ({ after })));
    const placed = opened.map((c, i) => ({ ...c, queued: moves[i]!.placed }));
    for (let i = 0; i < placed.length; i += CHUNK) await cases.insertMany(placed.slice(i, i + CHUNK));
    lap(`${OPEN.toLocaleString('en')} open cases stored`);
    await queue.move(moves);
    await reports.countBacklog(opened.flatMap((c) => reportKeys(c).map((k) => [dayOf(c.openedAt), k, 1] as const)));
    lap(`their queue entries stored (${new Set(moves.flatMap((m) => m.placed.map((p) => `${p.key}\n${p.part}`))).size.toLocaleString('en')} partitions) and their backlog counted`);
    const seeded = { open: OPEN, closed: 0, at: new Date(now).toISOString(), seconds: Math.round((performance.now() - started) / 1000) };
    save(seeded);
    // The queue reads only open cases' partitions: measured here too, so a run cut short by BENCH_SEED_SECONDS
    // while seeding closed cases still gives the open-queue figures at full size.
    console.log(`GET /api/v1/cases with ${OPEN.toLocaleString('en')} open cases and no closed ones (load average ${load()}):`);
    await queueFigures();
    return seeded;
  }

  /** Closed cases up to CLOSED, resolved over the 400 days before the open cases were seeded; resumable. */
  async function seedClosed(from: Seeded): Promise<void> {
    const now = Date.parse(from.at);
    const started = performance.now();
    const lap = (what: string) => console.log(`  ${what} (${(from.seconds + (performance.now() - started) / 1000).toFixed(0)} s, load average ${load()})`);
    let closed = from.closed;
    for (; closed < CLOSED && performance.now() < deadline; closed += CHUNK) {
      const batch = Array.from({ length: Math.min(CHUNK, CLOSED - closed) }, (_, i) => {
        const at = new Date(now - 400 * DAY * random());
        const repliedAt = new Date(at.getTime() + 3_600_000 * 6 * random());
        const replied = markReplied(syntheticCase(OPEN + closed + i, at), `https://example.com/reply/${closed + i}`, 'bench', repliedAt);
        return resolveCase(replied, 'bench', new Date(repliedAt.getTime() + 3_600_000 * 36 * random() ** 2));
      });
      const recent = batch.filter((c) => now - c.resolvedAt!.getTime() < CLOSING_DAYS * DAY);
      await cases.insertMany(batch);
      await reports.recordClosings(recent.map((c) => ({ closing: closingOf(c, { policy })!, hour: hourOf(c.resolvedAt!) })));
      save({ ...from, closed: closed + batch.length, seconds: Math.round(from.seconds + (performance.now() - started) / 1000) });
      if ((closed / CHUNK) % 10 === 9) lap(`closed cases: ${(closed + batch.length).toLocaleString('en')}`);
    }
    closed = Math.min(closed, CLOSED);
    const parts = await queue.parts('all');
    console.log(`seeded ${from.open.toLocaleString('en')} open and ${closed.toLocaleString('en')} closed cases in ${(from.seconds + (performance.now() - started) / 1000).toFixed(0)} s (whole queue: ${Object.keys(parts).length} partitions)`);
  }

  console.log(`load average ${load()}`);
  console.log(`GET /api/v1/cases (queue order, first page), ${RUNS} calls each after one warm-up:`);
  await queueFigures();
  await measureAfterCreate('limit=50', 'limit=50');
  console.log(`GET /api/v1/case-reports (${CLOSING_DAYS > 30 ? 'closings of every day of the period' : `closings of the last ${CLOSING_DAYS} days`}, backlog of the open cases):`);
  await reportFigures();
  console.log(`load average ${load()}`);
  await scratch.close();
  await app.close();
  await db.stop();
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
