// `npm run bench:ingest`: mentions/second for batch ingest through the HTTP API and through IngestService
// directly, into the embedded database (or MONGODB_URI). Prints figures; asserts nothing.
import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestService } from '../src/mentions/ingest.service.js';
import { TokensService } from '../src/platform/auth/tokens.service.js';
import { createApp } from '../src/boot.js';
import { AppConfig } from '../src/platform/config/app-config.js';
import { configSchema } from '../src/platform/config/schema.js';
import { openDatabase } from '../src/platform/database/embedded-database.js';

const TOTAL = Number(process.env.BENCH_MENTIONS ?? 5_000);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 200);
const BATCH = 1000;
const texts = [
  'Ordered from Acme again, delivery was fast and the noodles were great!',
  'Found a hair in my Acme dish. Disgusting, never again.',
  '阿克米的外卖送得很快，味道也不错',
  '吃出了异物，太恶心了，要求退款',
  'Acme app keeps crashing when I pay, so annoying',
  '一般般吧，没什么特别的',
];

function batch(prefix: string, from: number): Record<string, unknown>[] {
  return Array.from({ length: BATCH }, (_, i) => {
    const n = from + i;
    return {
      brand: 'acme',
      platform: ['weibo', 'jd', 'x', 'reddit'][n % 4],
      externalId: `${prefix}-${n}`,
      text: `${texts[n % texts.length]} #${n % 97}`,
      publishedAt: new Date(Date.UTC(2026, 10, 20) + n * 7_000).toISOString(),
      engagement: { likes: n % 50, shares: n % 7, comments: n % 11, views: n % 1000 },
      author: { name: `user${n % 5000}` },
    };
  });
}

async function main(): Promise<void> {
  const db = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'gh-bench-')), cacheDir: '.cache/ferretdb', env: process.env, log: () => undefined });
  const values = configSchema.parse({ port: 0, dbName: `bench_ingest_${Date.now()}`, brands: [{ id: 'acme', name: 'Acme' }], api: { rateLimitPerMinute: 1_000_000, bodyLimit: '20mb', maxBatch: 1000 } });
  const app = await createApp({ config: new AppConfig(values, false, null), mongoUri: db.uri, scheduling: false, logger: new ConsoleLogger({ logLevels: ["error"] }) });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const { token } = await app.get(TokensService).create('bench', 'responder');
  const ingest = app.get(IngestService);
  console.log(`database: ${db.kind} (${db.uri}), ${TOTAL} mentions per run, batches of ${BATCH}`);

  const run = async (label: string, send: (items: Record<string, unknown>[]) => Promise<void>, prefix: string, count: number) => {
    const t0 = performance.now();
    for (let i = 0; i < count; i += BATCH) await send(batch(prefix, i).slice(0, Math.min(BATCH, count - i)));
    const s = (performance.now() - t0) / 1000;
    console.log(`${label.padEnd(40)} ${Math.round(count / s).toString().padStart(7)} mentions/s  (${count} in ${s.toFixed(1)} s)`);
  };
  const viaApi = async (items: Record<string, unknown>[]) => {
    const res = await fetch(`${url}/api/v1/mentions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(items) });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  };
  const viaService = async (items: Record<string, unknown>[]) => {
    await ingest.ingest(items);
  };
  await run('API, new mentions', viaApi, 'api', TOTAL);
  await run('service, new mentions', viaService, 'svc', TOTAL);
  // Re-scrapes read the stored mention before updating it; on FerretDB's SQLite backend every read scans the collection.
  await run('service, re-ingest with new engagement', (items) => viaService(items.map((m) => ({ ...m, engagement: { likes: 999, shares: 1, comments: 1, views: 1 } }))), 'svc', UPDATES);
  await app.close();
  await db.stop();
}

await main();
