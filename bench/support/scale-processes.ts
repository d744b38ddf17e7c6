// bench:scale's child processes on a populated server: the built daemon (start-up to /readyz, RSS) and `goldenhour replay`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../../src/platform/config/schema.js';
import { freePort } from '../../src/platform/database/free-port.js';
import { BRANDS, replayScenario } from './scale-data.js';
import { fmt, report, sleep } from './scale-figures.js';
import { http } from './scale-http.js';
import type { Options } from './scale-options.js';

/** The checkout (this file runs as dist/bench/support/scale-processes.js). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function appConfig(dbName: string, extra: Record<string, unknown> = {}) {
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

/** Starts the built daemon on the populated server; time to /readyz 200, then its RSS after a detection pass and dashboard requests. */
export async function daemon(size: number, uri: string, dbName: string, dataDir: string, token: string, o: Options): Promise<void> {
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

export async function stopChild(child: ChildProcess, gone: () => boolean): Promise<void> {
  if (gone()) return;
  child.kill('SIGTERM');
  for (let i = 0; i < 150 && !gone(); i++) await sleep(100);
  if (!gone()) {
    child.kill('SIGKILL');
    for (let i = 0; i < 50 && !gone(); i++) await sleep(100);
  }
}

/** `goldenhour replay` (the built CLI) of a generated 3-day scenario, on the same server as the stored history. */
export async function replay(size: number, uri: string, dataDir: string, o: Options): Promise<void> {
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
