// `npm run bench:scale [-- --sizes 10000,100000 | --quick]`: do the hot paths stay flat as stored history grows?
// For each size N (default 10,000, 100,000 and 1,000,000 stored mentions) it seeds a fresh database on the
// embedded server (openDatabase, own data dir) with N mentions over the 35 days before now — 3 brands,
// 6 platforms, Chinese and English texts from templates, engagement, negatives and crisis terms — through
// IngestService.ingest in batches (the real write path, so buckets, rollups, highlights and snapshots exist),
// then measures:
//   push API, new mentions and re-seen mentions with changed engagement (mentions/s; several clients, 100 a request);
//   one detection pass over all brands, cold (first after start) and warm (ms);
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
import { ConsoleLogger, type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppModule } from '../src/app.module.js';
import { DetectionService } from '../src/detection/detection.service.js';
import { COMPACT_EVERY_MS, LedgerCompactionJob } from '../src/mentions/ledger-compaction.job.js';
import { IngestService } from '../src/mentions/ingest.service.js';
import { BucketsService } from '../src/mentions/buckets.service.js';
import { MARKER_KEPT_MS } from '../src/platform/database/delta-ledger.js';
import { MentionStates } from '../src/mentions/mention-states.js';
import { TokensService } from '../src/platform/auth/tokens.service.js';
import { createApp } from '../src/boot.js';
import { AppConfig } from '../src/platform/config/app-config.js';
import { configSchema } from '../src/platform/config/schema.js';
import { openDatabase, type DatabaseHandle } from '../src/platform/database/embedded-database.js';
import { freePort } from '../src/platform/database/free-port.js';
import { BRANDS, DAY_MS, historyMention, newMention, replayScenario, reseen, type MentionBody } from './support/scale-data.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HISTORY_DAYS = 35;

interface Options {
  sizes: number[];
  newCount: number;
  reseenCount: number;
  clients: number;
  perRequest: number;
  runs: number;
  seedBatch: number;
  replayMentions: number;
  /** Longest any one measurement may take, ms (seeding is not bounded: the size must be reached). */
  budgetMs: number;
  /** Longest the replay may take, ms (--replay-budget; --budget when not given). */
  replayBudgetMs: number;
  keep: boolean;
  /** Folder whose per-size databases are seeded once and reused (--data). */
  dataRoot?: string;
  seedOnly: boolean;
}

function parseOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const o: Options = quick
    ? { sizes: [2000, 10_000], newCount: 1000, reseenCount: 500, clients: 4, perRequest: 100, runs: 10, seedBatch: 500, replayMentions: 1200, budgetMs: 120_000, replayBudgetMs: 0, keep: false, seedOnly: false }
    : { sizes: [10_000, 100_000, 1_000_000], newCount: 5000, reseenCount: 2000, clients: 4, perRequest: 100, runs: 20, seedBatch: 500, replayMentions: 1200, budgetMs: 300_000, replayBudgetMs: 0, keep: false, seedOnly: false };
  const num = (i: number, name: string) => {
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number (got ${argv[i + 1]})`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--sizes') {
      o.sizes = (argv[++i] ?? '').split(',').map((s) => Number(s.replace(/_/g, '').trim()));
      if (!o.sizes.length || o.sizes.some((s) => !Number.isInteger(s) || s <= 0)) throw new Error('--sizes takes positive integers separated by commas, e.g. --sizes 2000,20000');
    } else if (a === '--new') o.newCount = num(i++, a);
    else if (a === '--reseen') o.reseenCount = num(i++, a);
    else if (a === '--clients') o.clients = num(i++, a);
    else if (a === '--per-request') o.perRequest = num(i++, a);
    else if (a === '--runs') o.runs = num(i++, a);
    else if (a === '--budget') o.budgetMs = num(i++, a) * 1000;
    else if (a === '--replay-budget') o.replayBudgetMs = num(i++, a) * 1000;
    else if (a === '--keep') o.keep = true;
    else if (a === '--seed-only') o.seedOnly = true;
    else if (a === '--data') {
      if (!argv[i + 1]) throw new Error('--data needs a folder, e.g. --data /var/tmp/gh-scale');
      o.dataRoot = resolve(argv[++i]!);
    }
    else if (a !== '--quick') throw new Error(`unknown option ${a} (options: --sizes a,b,c  --quick  --new N  --reseen N  --clients N  --per-request N  --runs N  --budget SECONDS  --replay-budget SECONDS  --keep  --data DIR  --seed-only)`);
  }
  o.sizes.sort((a, b) => a - b);
  o.replayBudgetMs ||= o.budgetMs;
  if (o.seedOnly && !o.dataRoot) throw new Error('--seed-only needs --data DIR (where the seeded databases are kept)');
  return o;
}

// ---------------------------------------------------------------------------------------------- figures

interface Figure {
  unit: string;
  values: Map<number, number>;
  /** Sizes whose value is only a lower bound (the measurement hit its time budget). */
  atLeast: Set<number>;
  errors: Map<number, string>;
}
const figures = new Map<string, Figure>();

function figure(name: string, unit: string): Figure {
  let f = figures.get(name);
  if (!f) figures.set(name, (f = { unit, values: new Map(), atLeast: new Set(), errors: new Map() }));
  return f;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

function report(name: string, size: number, value: number, unit: string, note = '', atLeast = false): void {
  const f = figure(name, unit);
  f.values.set(size, value);
  if (atLeast) f.atLeast.add(size);
  console.log(`${name}  ${size}  ${fmt(value)}  ${unit}${note ? `  (${note})` : ''}`);
}

function reportError(name: string, size: number, unit: string, err: unknown): void {
  const message = errorText(err).split('\n')[0]!.slice(0, 300);
  figure(name, unit).errors.set(size, message);
  console.log(`${name}  ${size}  ERROR  ${message}`);
}

/** Runs one measurement; when it throws, prints the error against each of its figures not reported yet, and goes on. */
async function step(size: number, names: [string, string][], run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    for (const [name, unit] of names) if (!figure(name, unit).values.has(size)) reportError(name, size, unit, err);
  }
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(`  ${line}`);
const errorText = (err: unknown) => {
  const e = err as Error & { cause?: Error; code?: string };
  return `${e.message ?? String(e)}${e.cause ? ` (${e.cause.message ?? e.cause})` : ''}`;
};

/**
 * One HTTP request with a JSON answer, without a timeout of its own (fetch gives up on headers after 300 s, and a
 * slow write path is what this benchmark is there to show), over keep-alive connections like a client's.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function http(method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(url, { method, agent, headers: { authorization: `Bearer ${token}`, ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = text;
        try {
          json = JSON.parse(text);
        } catch {
          /* not JSON: keep the text */
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

// ---------------------------------------------------------------------------------------------- one size

function appConfig(dbName: string, extra: Record<string, unknown> = {}) {
  return configSchema.parse({
    port: 0,
    dbName,
    logLevel: 'error',
    demo: false,
    api: { rateLimitPerMinute: 1_000_000, bodyLimit: '20mb', maxBatch: 1000 },
    dashboard: { cacheSeconds: 3600 },
    brands: BRANDS.map((b) => ({ id: b.id, name: b.name, names: { en: b.en, zh: b.zh }, aliases: b.aliases, keywords: [b.en.toLowerCase(), b.zh], competitors: b.competitors, timezone: 'Asia/Shanghai' })),
    ...extra,
  });
}

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
      // A history seeded by an earlier goldenhour (--data) has no day digests yet: what `goldenhour migrate` adds.
      const digested = await app.get(BucketsService).digestMissingDays();
      if (digested) log(`${digested} days of counters digested (seeded before digests)`);
    });
    if (app) {
      await step(size, [['mention_cache_warm', 's']], async () => {
        // What a daemon does at start before /readyz: refill its mention cache from the journal.
        const t0 = performance.now();
        await app!.get(MentionStates).warm();
        report('mention_cache_warm', size, (performance.now() - t0) / 1000, 's', `${app!.get(MentionStates).size} mentions known`);
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

/** N mentions over the history through IngestService.ingest in batches (two in flight), in an application context. */
async function seed(size: number, values: ReturnType<typeof appConfig>, uri: string, start: number, end: number, o: Options): Promise<void> {
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
    // A daemon that wrote this history would have folded its ledger deltas every 30 s: start the measurements from that state.
    // Its next pass, 30 s on, also drops the dirty markers (kept MARKER_KEPT_MS after their write): days read from digests.
    const c0 = performance.now();
    await ctx.get(LedgerCompactionJob).tick();
    log(`ledger and stories compacted after seeding in ${((performance.now() - c0) / 1000).toFixed(1)} s`);
    await sleep(MARKER_KEPT_MS);
    await ctx.get(LedgerCompactionJob).tick();
  } finally {
    await ctx.close();
  }
}

/** Pushes `items` to POST /api/v1/mentions from o.clients concurrent clients, o.perRequest a request, within the budget. */
async function push(url: string, token: string, size: number, name: string, items: MentionBody[], o: Options, expect: 'imported' | 'updated'): Promise<void> {
  const batches: MentionBody[][] = [];
  for (let i = 0; i < items.length; i += o.perRequest) batches.push(items.slice(i, i + o.perRequest));
  const deadline = performance.now() + o.budgetMs;
  let next = 0;
  let sent = 0;
  let counted = 0;
  let rejected = 0;
  const t0 = performance.now();
  let failed = 0;
  let firstError = '';
  const latencies: number[] = [];
  const client = async () => {
    while (next < batches.length && performance.now() < deadline) {
      const batch = batches[next++]!;
      const started = performance.now();
      try {
        const res = await http('POST', `${url}/api/v1/mentions`, token, batch);
        const body = res.json as { imported?: number; updated?: number; rejected?: unknown[] };
        if (res.status !== 200) throw new Error(`POST /api/v1/mentions: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
        sent += batch.length;
        counted += body[expect] ?? 0;
        rejected += body.rejected?.length ?? 0;
      } catch (err) {
        failed++;
        firstError ||= errorText(err);
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: o.clients }, client));
  const s = (performance.now() - t0) / 1000;
  if (!sent) throw new Error(`every request failed (${failed}): ${firstError}`);
  const cut = sent + failed * o.perRequest < items.length ? `, stopped at the ${o.budgetMs / 1000} s budget` : '';
  const failures = failed ? `, ${failed} requests failed (first: ${firstError})` : '';
  report(name, size, sent / s, 'mentions/s', `${sent} in ${s.toFixed(1)} s, ${o.clients} clients × ${o.perRequest}/request, slowest request ${fmt(Math.max(...latencies) / 1000)} s, ${counted} ${expect}${rejected ? `, ${rejected} rejected` : ''}${failures}${cut}`);
  report(`${name}_request_p95`, size, percentile(latencies, 95), 'ms', `one POST of ${o.perRequest}, ${latencies.length} requests, p50 ${fmt(percentile(latencies, 50))} ms`);
}

/** p95 of GET /api/v1/dashboard: `fresh` asks for the preset's range as from/to (never a snapshot), `cached` for the preset after one warm-up. */
async function dashboard(url: string, token: string, size: number, period: '24h' | '7d' | '30d', mode: 'fresh' | 'cached', o: Options): Promise<void> {
  const span = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS }[period];
  const get = async () => {
    const now = Date.now();
    const q = mode === 'fresh' ? `from=${new Date(now - span).toISOString()}&to=${new Date(now).toISOString()}` : `period=${period}`;
    const t0 = performance.now();
    const res = await http('GET', `${url}/api/v1/dashboard?brand=acme&${q}&tz=Asia/Shanghai`, token);
    const body = res.json as { totals?: { total: number } };
    if (res.status !== 200) throw new Error(`GET /api/v1/dashboard ${mode} ${period}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return { ms: performance.now() - t0, total: body.totals?.total ?? 0 };
  };
  const warm = await get();
  const deadline = performance.now() + o.budgetMs;
  const times: number[] = [];
  while (times.length < o.runs && performance.now() < deadline) times.push((await get()).ms);
  report(`dash_${mode}_${period}_p95`, size, percentile(times, 95), 'ms', `p50 ${fmt(percentile(times, 50))} ms over ${times.length} requests after one (${fmt(warm.ms)} ms); ${warm.total} mentions of acme in range`);
}

/** Starts the built daemon on the populated server; time to /readyz 200, then its RSS after a detection pass and dashboard requests. */
async function daemon(size: number, uri: string, dbName: string, dataDir: string, token: string, o: Options): Promise<void> {
  const main = join(ROOT, 'dist/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build`);
  const dir = join(dataDir, 'daemon');
  mkdirSync(join(dir, 'scrapers'), { recursive: true });
  const port = await freePort();
  const config = {
    ...JSON.parse(JSON.stringify(appConfig(dbName, { port, host: '127.0.0.1', dataDir: join(dir, 'data'), scrapersDir: join(dir, 'scrapers'), logLevel: 'warn', dashboard: { cacheSeconds: 30 }, detection: { intervalSeconds: 5 } }))),
  };
  // YAML is a superset of JSON: the config file is the parsed config as JSON.
  writeFileSync(join(dir, 'goldenhour.yaml'), JSON.stringify(config, null, 2));
  const logFile = join(dir, 'daemon.log');
  const out = createWriteStream(logFile);
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: dir,
    env: { ...process.env, GOLDENHOUR_CONFIG: join(dir, 'goldenhour.yaml'), MONGODB_URI: uri, PORT: String(port), LOG_LEVEL: 'warn', GOLDENHOUR_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const base = `http://127.0.0.1:${port}`;
  const tail = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' | ').slice(0, 400) : '');
  try {
    const deadline = performance.now() + o.budgetMs;
    for (;;) {
      if (exited !== undefined) throw new Error(`daemon exited with ${exited} before /readyz answered: ${tail()}`);
      if (performance.now() > deadline) throw new Error(`no /readyz 200 within ${o.budgetMs / 1000} s: ${tail()}`);
      const ok = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
      if (ok) break;
      await sleep(100);
    }
    report('daemon_readyz', size, (performance.now() - t0) / 1000, 's', `node dist/src/main.js to /readyz 200, MONGODB_URI on the populated server`);
    // The scheduled detection pass (every 5 s here): wait until one has gone over all brands.
    const headers = { authorization: `Bearer ${token}` };
    const brandsEvaluated = async () => {
      const text = await (await fetch(`${base}/metrics`, { headers })).text();
      return Number(/^goldenhour_detection_brand_seconds_count\s+(\S+)/m.exec(text)?.[1] ?? 0);
    };
    let passes = 0;
    while ((passes = await brandsEvaluated()) < BRANDS.length) {
      if (exited !== undefined) throw new Error(`daemon exited with ${exited}: ${tail()}`);
      if (performance.now() > deadline) throw new Error(`no detection pass within ${o.budgetMs / 1000} s of start`);
      await sleep(500);
    }
    for (const period of ['24h', '7d', '30d']) {
      for (let i = 0; i < 3; i++) {
        const res = await http('GET', `${base}/api/v1/dashboard?brand=acme&period=${period}`, token);
        if (res.status !== 200) throw new Error(`daemon GET /api/v1/dashboard ${period}: HTTP ${res.status}`);
      }
    }
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    if (!kb) throw new Error('no VmRSS in /proc/PID/status');
    const hwm = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    report('daemon_rss', size, kb / 1024, 'MB', `after ${passes / BRANDS.length} detection pass(es) and 9 dashboard requests; peak ${fmt(hwm / 1024)} MB`);
  } finally {
    await stopChild(child, () => exited !== undefined);
    out.end();
  }
}

async function stopChild(child: ChildProcess, gone: () => boolean): Promise<void> {
  if (gone()) return;
  child.kill('SIGTERM');
  for (let i = 0; i < 150 && !gone(); i++) await sleep(100);
  if (!gone()) {
    child.kill('SIGKILL');
    for (let i = 0; i < 50 && !gone(); i++) await sleep(100);
  }
}

/** `goldenhour replay` (the built CLI) of a generated 3-day scenario, on the same server as the stored history. */
async function replay(size: number, uri: string, dataDir: string, o: Options): Promise<void> {
  const dir = join(dataDir, 'replay');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'scale-3d.jsonl');
  writeFileSync(file, replayScenario(Date.UTC(2026, 2, 2), 3, o.replayMentions));
  // No config file (cwd is the scenario's folder): the replay's own defaults, on the server holding the history.
  const replayEnv: NodeJS.ProcessEnv = { ...process.env, MONGODB_URI: uri, GOLDENHOUR_DATA_DIR: join(dir, 'data'), GOLDENHOUR_DEMO: '0' };
  delete replayEnv.GOLDENHOUR_CONFIG;
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/goldenhour.js'), 'replay', file], {
    cwd: dir,
    env: replayEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let exited: number | null | undefined;
  const done = new Promise<void>((r) => child.on('exit', (code) => { exited = code; r(); }));
  let cut = false;
  const timer = setTimeout(() => {
    cut = true;
    void stopChild(child, () => exited !== undefined);
  }, o.replayBudgetMs);
  await done;
  clearTimeout(timer);
  const s = (performance.now() - t0) / 1000;
  const events = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { type: string }).type);
  const kinds = [...new Set(events)].map((k) => `${events.filter((e) => e === k).length} ${k}`).join(', ');
  // Stopped at the budget: the time is a lower bound, still worth comparing.
  if (cut) return report('replay_3d_1200', size, s, 's', `AT LEAST: stopped at the ${o.replayBudgetMs / 1000} s budget, ${events.length} events printed by then`, true);
  if (exited !== 0) throw new Error(`goldenhour replay exited with ${exited}: ${stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 300)}`);
  report('replay_3d_1200', size, s, 's', `${o.replayMentions} mention lines over 3 days; ${events.length} events (${kinds || 'none'})`);
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

// ---------------------------------------------------------------------------------------------- summary

function summary(sizes: number[]): void {
  const small = sizes[0]!;
  const large = sizes[sizes.length - 1]!;
  console.log(`\n## summary (flatness = value at ${large.toLocaleString('en')} / value at ${small.toLocaleString('en')}; 1.00 is flat — for mentions/s below 1 is slower, for ms/s/MB above 1 is slower)`);
  const head = ['figure', 'unit', ...sizes.map((s) => s.toLocaleString('en')), 'flatness'];
  const rows = [...figures].map(([name, f]) => {
    const cells = sizes.map((s) => (f.values.has(s) ? `${f.atLeast.has(s) ? '≥' : ''}${fmt(f.values.get(s)!)}` : f.errors.has(s) ? 'ERROR' : '-'));
    const a = f.values.get(small);
    const b = f.values.get(large);
    const bounded = f.atLeast.has(small) || f.atLeast.has(large) ? '?' : '';
    return [name, f.unit, ...cells, sizes.length > 1 && a !== undefined && b !== undefined && a !== 0 ? `${(b / a).toFixed(2)}×${bounded}` : '-'];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  if ([...figures.values()].some((f) => f.atLeast.size)) console.log('  ≥: stopped at the time budget, a lower bound; ? after a flatness: computed from a lower bound');
  for (const [name, f] of figures) for (const [size, message] of f.errors) console.log(`  ${name} at ${size}: ${message}`);
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
