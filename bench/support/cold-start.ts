// `node dist/bench/support/cold-start.js --data DIR [--daemon] [--passes N] [--first-pass]`: the cold detection pass and the daemon's
// start-up on a history seeded by `npm run bench:scale -- --data ROOT --seed-only` (DIR is one size's folder, ROOT/N).
// With --first-pass the copy's detector checkpoints are dropped first, so the cold pass is the first one ever (a full replay).
// Work on a copy (`cp -a`): the passes store signals and checkpoints, so the copy is no longer the seeded history.
// Prints, in order: the first detection pass in a fresh application (cold, after start), N-1 more passes (warm),
// each with this process's CPU time, the database commands it sent and the documents they returned; with --daemon, the built daemon of this same build (dist/src/main.js)
// started on the copy: seconds to /readyz 200. For an A/B, run an old build's copy of this file on another copy.
import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppModule } from '../../src/app.module.js';
import { DetectionService } from '../../src/detection/detection.service.js';
import { AppConfig } from '../../src/platform/config/app-config.js';
import { configSchema } from '../../src/platform/config/schema.js';
import { openDatabase } from '../../src/platform/database/embedded-database.js';
import { freePort } from '../../src/platform/database/free-port.js';
import { BRANDS } from './scale-data.js';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

const data = option('--data');
if (!data || !existsSync(join(data, 'seeded.json'))) throw new Error('--data needs a seeded size folder (ROOT/N with seeded.json), e.g. --data /var/tmp/copy/10000');
const { size } = JSON.parse(readFileSync(join(data, 'seeded.json'), 'utf8')) as { size: number };
const dbName = `bench_scale_${size}`;
const passes = Number(option('--passes') ?? 2);
const ferret = option('--ferretdb-cache') ?? resolve(DIST, '..', '.cache/ferretdb');

const values = configSchema.parse({
  port: 0, dbName, logLevel: 'error', demo: false,
  brands: BRANDS.map((b) => ({ id: b.id, name: b.name, names: { en: b.en, zh: b.zh }, aliases: b.aliases, keywords: [b.en.toLowerCase(), b.zh], competitors: b.competitors, timezone: 'Asia/Shanghai' })),
});

const db = await openDatabase({ dataDir: resolve(data), cacheDir: ferret, env: { ...process.env, MONGODB_URI: undefined }, log: () => undefined });
try {
  const uri = `${db.uri}${db.uri.includes('?') ? '&' : '?'}monitorCommands=true`;
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot({ config: new AppConfig(values, false, null), mongoUri: uri, scheduling: false }), { logger: new ConsoleLogger({ logLevels: ['error'] }), abortOnError: false });
  const commands = new Map<string, number>();
  const waited = new Map<string, number>();
  const keys = new Map<number, string>();
  /** Documents the database returned, and the collection of each open cursor (a getMore names only its cursor). */
  let docs = 0;
  const cursors = new Map<string, string>();
  const client = ctx.get<Connection>(getConnectionToken()).getClient();
  client.on('commandStarted', (e) => {
    const command = e.command as Record<string, unknown>;
    const coll = (e.commandName === 'getMore' ? (cursors.get(String(command.getMore)) ?? '') : String(command[e.commandName] ?? '')).replace(/_\d{6,10}$/, '_DAY');
    const key = `${e.commandName} ${coll}`;
    keys.set(e.requestId, key);
    commands.set(key, (commands.get(key) ?? 0) + 1);
  });
  client.on('commandSucceeded', (e) => {
    const key = keys.get(e.requestId);
    if (key) waited.set(key, (waited.get(key) ?? 0) + e.duration);
    const cursor = (e.reply as { cursor?: { id?: unknown; firstBatch?: unknown[]; nextBatch?: unknown[] } }).cursor;
    if (!cursor) return;
    docs += (cursor.firstBatch ?? cursor.nextBatch ?? []).length;
    if (key && cursor.id && String(cursor.id) !== '0') cursors.set(String(cursor.id), key.slice(key.indexOf(' ') + 1));
  });
  if (process.argv.includes('--first-pass')) {
    const conn = ctx.get<Connection>(getConnectionToken());
    for (const b of BRANDS) await conn.db!.dropCollection(`detector_checkpoint_${b.id}`).catch(() => undefined);
  }
  const detection = ctx.get(DetectionService);
  for (let i = 0; i < passes; i++) {
    commands.clear();
    waited.clear();
    docs = 0;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const changed = await detection.runDetection(new Date());
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const total = [...commands.values()].reduce((a, b) => a + b, 0);
    const top = [...commands].sort((a, b) => (waited.get(b[0]) ?? 0) - (waited.get(a[0]) ?? 0)).slice(0, 8).map(([k, n]) => `${k}: ${n} in ${(waited.get(k) ?? 0).toFixed(0)} ms`).join(', ');
    console.log(`detect_${i ? 'warm' : 'cold'}  ${size}  ${ms.toFixed(0)}  ms  (node CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; ${changed.length} signals changed; ${total} commands returning ${docs} documents: ${top})`);
  }
  const stored = await Promise.all(BRANDS.map((b) => ctx.get<Connection>(getConnectionToken()).db!.collection(`detector_checkpoint_${b.id}`).findOne({}).catch(() => null)));
  if (stored.some(Boolean)) console.log(`  detector checkpoints: ${stored.map((d) => (d ? `${String(d._id)} ${(JSON.stringify(d).length / 1024).toFixed(0)} KB as JSON` : 'none')).join(', ')}`);
  await ctx.close();
  if (process.argv.includes('--daemon')) console.log(`daemon_readyz  ${size}  ${(await daemon(db.uri)).toFixed(1)}  s`);
} finally {
  await db.stop();
}

/** The built daemon of this build on the copy's server: seconds from spawn to /readyz 200. */
async function daemon(uri: string): Promise<number> {
  const dir = join(resolve(data!), 'cold-start-daemon');
  mkdirSync(join(dir, 'scrapers'), { recursive: true });
  const port = await freePort();
  writeFileSync(join(dir, 'goldenhour.yaml'), JSON.stringify({ ...JSON.parse(JSON.stringify(values)), port, host: '127.0.0.1', dataDir: join(dir, 'data'), scrapersDir: join(dir, 'scrapers'), logLevel: 'warn' }, null, 2));
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(DIST, 'src/main.js')], {
    cwd: dir,
    env: { ...process.env, GOLDENHOUR_CONFIG: join(dir, 'goldenhour.yaml'), MONGODB_URI: uri, PORT: String(port), LOG_LEVEL: 'warn', GOLDENHOUR_DEMO: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  try {
    for (;;) {
      if (exited !== undefined) throw new Error(`daemon exited with ${exited}`);
      if (performance.now() - t0 > 300_000) throw new Error('no /readyz 200 within 300 s');
      if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false)) return (performance.now() - t0) / 1000;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    child.kill('SIGTERM');
    for (let i = 0; i < 150 && exited === undefined; i++) await new Promise((r) => setTimeout(r, 100));
    if (exited === undefined) child.kill('SIGKILL');
  }
}
