// `npm run bench:alerts`: time from a signal handed to EscalationService.escalate() to the SMTP server
// receiving the alert mail — real in-process SMTP (smtp-server) on 127.0.0.1, real database, the daemon's
// own dispatcher woken by the enqueue. The rule uses group_wait 0s so the figure is the pipeline's own
// latency (the shipped P1 rule waits 30 s by design). Prints p50/p95; asserts nothing.
import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { EscalationService } from '../src/incidents/escalation.service.js';
import type { Signal } from '../src/core/detection/signal.js';
import { createApp } from '../src/boot.js';
import { AppConfig } from '../src/platform/config/app-config.js';
import { configSchema } from '../src/platform/config/schema.js';
import { openDatabase } from '../src/platform/database/embedded-database.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

function signal(n: number, at: Date): Signal {
  return {
    key: `bench-${n}|negative_surge|weibo|${at.toISOString()}`,
    brand: `bench-${n}`,
    kind: 'negative_surge',
    scope: { platform: 'weibo' },
    status: 'open',
    startedAt: at,
    lastSeenAt: at,
    strength: 5,
    peakStrength: 5,
    evidence: { observed: 200, expected: 10, negativeShare: 0.8, crisisTerms: ['food poisoning'], topMentions: [{ platform: 'weibo', externalId: `w${n}`, url: `https://weibo.example/${n}`, text: 'sick after lunch', engagement: 900 }] },
  };
}

async function main(): Promise<void> {
  const arrivals = new Map<string, number>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const headers = Buffer.concat(chunks).toString('utf8').replace(/\r?\n[ \t]+/g, ' '); // unfold long header lines
        const subject = /^Subject: (.*)$/m.exec(headers)?.[1] ?? '';
        const brand = /for (bench-\d+)/.exec(subject)?.[1];
        if (brand && !arrivals.has(brand)) arrivals.set(brand, performance.now());
        done();
      });
    },
  });
  const smtpPort = await new Promise<number>((r) => smtp.listen(0, '127.0.0.1', () => r((smtp.server.address() as { port: number }).port)));

  const rulesDir = mkdtempSync(join(tmpdir(), 'gh-bench-rules-'));
  writeFileSync(join(rulesDir, 'alerts.yaml'), 'rules:\n  - id: bench-crisis\n    severity: P1\n    match: { crisis: true }\n    group_wait: 0s\n');
  const db = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'gh-bench-')), cacheDir: '.cache/ferretdb', env: process.env, log: () => undefined });
  const values = configSchema.parse({
    port: 0,
    dbName: `bench_alerts_${Date.now()}`,
    rulesDir,
    logLevel: 'error',
    smtp: { host: '127.0.0.1', port: smtpPort, from: 'goldenhour <bench@goldenhour.local>' },
    teams: [{ id: 'pr', name: 'PR', members: [{ name: 'On call', email: 'oncall@bench.local' }] }],
  });
  const app = await createApp({ config: new AppConfig(values, false, null), mongoUri: db.uri, scheduling: true, logger: false });
  await app.init();
  const escalation = app.get(EscalationService);
  console.log(`database: ${db.kind}; ${RUNS} runs; one signal → one P1 alert → one mail (group_wait 0s)`);

  const processMs: number[] = [];
  const endToEndMs: number[] = [];
  for (let n = 0; n < RUNS; n++) {
    const brand = `bench-${n}`;
    const t0 = performance.now();
    const due = await escalation.escalate([signal(n, new Date())], new Date());
    processMs.push(performance.now() - t0);
    if (due.length !== 1) throw new Error(`run ${n}: expected one due alert, got ${due.length}`);
    while (!arrivals.has(brand)) {
      if (performance.now() - t0 > 30_000) throw new Error(`run ${n}: no mail within 30 s`);
      await new Promise((r) => setTimeout(r, 1));
    }
    endToEndMs.push(arrivals.get(brand)! - t0);
  }
  const line = (label: string, xs: number[]) => console.log(`${label.padEnd(44)} p50 ${percentile(xs, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(xs, 95).toFixed(1).padStart(7)} ms   max ${Math.max(...xs).toFixed(1).padStart(7)} ms`);
  line('escalate (rules, incidents, store, outbox)', processMs);
  line('signal → mail received by SMTP server', endToEndMs);
  await app.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await db.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
