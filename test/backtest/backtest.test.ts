import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertsRepository } from '../../src/alerts/alerts.repository.js';
import type { BacktestReport } from '../../src/backtest/backtest.service.js';
import { dailyCycleCounts } from '../../src/core/detection/test-series.js';
import type { BucketDeltas } from '../../src/core/mention/contribution.js';
import { BucketsRepository } from '../../src/mentions/buckets.repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand } from '../support/factories.js';
import { runCli } from '../support/run-cli.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-20T08:00:00Z');
/** A food-safety crisis two days ago: negatives ×6 for two hours, half of them naming a crisis term. */
const CRISIS = NOW - 2 * DAY + 6 * HOUR;

/** Ledger deltas of acme on weibo as ingest writes them: ~8 % negative, and the crisis's crisis-term mentions. */
function deltas(points: { start: number; count: number }[]): BucketDeltas {
  const d: BucketDeltas = { buckets: new Map(), topics: new Map() };
  for (const p of points) {
    const crisis = p.start >= CRISIS && p.start < CRISIS + 2 * HOUR;
    const usual = Math.round(p.count * 0.08);
    const negative = crisis ? usual * 6 + 3 : usual;
    const termed = crisis ? Math.round(negative / 2) : 0;
    d.buckets.set(`acme|weibo|${p.start}`, { brand: 'acme', platform: 'weibo', start: p.start, inc: { total: p.count - usual + negative, negative, neutral: p.count - usual, positive: 0, crisis: termed, likes: 0, shares: 0, comments: 0, views: 0 } });
    if (termed) d.topics.set(`acme|crisis|food poisoning|${p.start}`, { brand: 'acme', kind: 'crisis', topic: 'food poisoning', start: p.start, inc: { total: termed, negative: termed } });
  }
  return d;
}

describe('backtest: replaying the last days of buckets through the rules, sending nothing', () => {
  let t: TestApp;
  const backtest = async (json: unknown, as: 'admin' | 'responder' | 'viewer' = 'admin') => t.request('/api/v1/rules/backtest', { method: 'POST', json, as });

  beforeAll(async () => {
    t = await startTestApp({ label: 'backtest', config: { brands: [acmeBrand] } });
    const points = dailyCycleCounts({ mean: 20, days: 12, seed: 7, start: NOW - 12 * DAY });
    for (let i = 0; i < points.length; i += 500) await t.app.get(BucketsRepository).apply(deltas(points.slice(i, i + 500)));
    // What the daemon did send during the period: one P3 volume alert.
    await t.app.get(AlertsRepository).saveAlert({
      key: 'volume-surge|brand=acme|platform=weibo@2026-11-18T09:00:00.000Z', groupKey: 'volume-surge|brand=acme|platform=weibo', brand: 'acme', severity: 'P3', title: 'Volume surge: acme', summary: '',
      ruleId: 'volume-surge', teams: [], channels: ['email'], slaPolicy: 'one-hour', signalKeys: [], createdAt: new Date(NOW - 2 * DAY + HOUR), lastNotifiedAt: new Date(NOW - 2 * DAY + HOUR),
      needsResponse: false, reason: 'new', notifyCount: 1, evidence: { kinds: ['volume_surge'], crisisTerms: [], topMentions: [] },
    });
  }, 300_000);
  afterAll(async () => t.close());

  it('finds the crisis the current rules would have paged as P1, with the incident it would have opened, beside what did fire', async () => {
    const res = await backtest({ since: '3d', brand: 'acme', labels: [{ name: 'food poisoning', brand: 'acme', start: new Date(CRISIS).toISOString(), end: new Date(CRISIS + 4 * HOUR).toISOString() }] });
    expect(res.status).toBe(200);
    const report = (await res.json()) as BacktestReport;
    expect(report).toMatchObject({ brands: ['acme'], from: new Date(NOW - 3 * DAY).toISOString(), to: new Date(NOW).toISOString() });
    expect(report.current.bySeverity.P1).toBe(1);
    const [first] = report.current.alerts;
    expect(first).toMatchObject({ severity: 'P1', ruleId: 'crisis-negative-surge', reason: 'new', incident: 1 });
    expect(Date.parse(first!.at as unknown as string) - CRISIS).toBeLessThan(HOUR);
    expect(report.current.incidents).toMatchObject([{ id: 1, severity: 'P1', brand: 'acme' }]);
    // No rules given: the candidate is the current rule set.
    expect(report.candidate.bySeverity).toEqual(report.current.bySeverity);
    expect(report.fired).toMatchObject([{ severity: 'P3', ruleId: 'volume-surge' }]);
    expect(report.firedBySeverity).toEqual({ P1: 0, P2: 0, P3: 1, P4: 0 });
    expect(report.labels!.current).toMatchObject({ detected: 1, missed: 0, falseIncidents: 0 });
    // Replayed: the period and the detector's warm-up, from the counters only.
    expect(report.bucketsRead).toBeGreaterThan(0);
  }, 120_000);

  it('shows what a candidate rule change would do: without the crisis rule the same crisis is a P2', async () => {
    const rules = ['rules:', '  - id: crisis-negative-surge', '    severity: P1', '    enabled: false'].join('\n');
    const report = (await (await backtest({ since: '3d', brand: 'acme', rules })).json()) as BacktestReport;
    expect(report.candidate.bySeverity).toMatchObject({ P1: 0, P2: 1 });
    expect(report.candidate.alerts[0]).toMatchObject({ severity: 'P2', ruleId: 'negative-surge', incident: 1 });
    expect(report.current.bySeverity.P1).toBe(1);
  }, 120_000);

  it('sent and stored nothing: no notification, no alert and no signal beyond what was there', async () => {
    expect(await t.connection.collection('outbox').countDocuments()).toBe(0);
    expect(await t.connection.collection('alerts').countDocuments()).toBe(1);
    const names = (await t.connection.db!.listCollections().toArray()).map((c) => c.name);
    expect(names.filter((n) => n.startsWith('signals_'))).toEqual([]);
    expect(await t.connection.collection('incidents').countDocuments()).toBe(0);
  });

  it('refuses bad input with the field and the fix, and anyone below admin', async () => {
    const broken = await backtest({ rules: 'rules:\n  - id: x\n    severity: P9\n' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { message: string }).message).toMatch(/^rules:3: rules\.0\.severity: /);
    const long = await backtest({ since: '60d' });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { message: string }).message).toContain('since: 60d is outside 1m..31d');
    expect((await backtest({}, 'responder')).status).toBe(403);
  });

  describe('goldenhour backtest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-backtest-'));
    const cli = (...args: string[]) =>
      runCli(['backtest', '--until', new Date(NOW).toISOString(), ...args], {
        cwd: dir,
        env: { ...process.env, MONGODB_URI: process.env.GOLDENHOUR_TEST_MONGODB_URI, GOLDENHOUR_DB_NAME: t.config.dbName, GOLDENHOUR_RULES_DIR: join(process.cwd(), 'rules') },
      });

    it('prints the alerts by severity for the candidate rules, the current ones and what did fire, and scores labelled events', async () => {
      mkdirSync(join(dir, 'candidate'));
      writeFileSync(join(dir, 'candidate', 'alerts-try.yaml'), 'rules:\n  - id: crisis-negative-surge\n    severity: P1\n    enabled: false\n');
      writeFileSync(join(dir, 'labels.jsonl'), `${JSON.stringify({ name: 'food poisoning', start: new Date(CRISIS).toISOString(), end: new Date(CRISIS + 4 * HOUR).toISOString() })}\n`);
      const r = await cli('--since', '3d', '--brand', 'acme', '--rules', join(dir, 'candidate'), '--labels', join(dir, 'labels.jsonl'));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^candidate rules +0 +1 +\d+ +\d+ +1$/m);
      expect(r.stdout).toMatch(/^current rules +1 +0 +\d+ +\d+ +1$/m);
      expect(r.stdout).toMatch(/^did fire +0 +0 +1 +0$/m);
      expect(r.stdout).toMatch(/P2 {2}new +negative-surge\|brand=acme {2}incident #1/);
      expect(r.stdout).toContain('candidate rules: caught 1 of 1, 0 incident(s) outside them');
    }, 120_000);

    it('names the file, line and key of a broken candidate rule and exits 2', async () => {
      mkdirSync(join(dir, 'broken'));
      writeFileSync(join(dir, 'broken', 'alerts.yaml'), 'rules:\n  - id: try\n    severity: P1\n    group_wait: soon\n');
      const r = await cli('--rules', join(dir, 'broken'));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/alerts\.yaml:4: rules\.0\.group_wait: must be a duration/);
      expect((await cli('--since', '90d')).stderr).toContain('since: 90d is outside 1m..31d');
    });
  });
});
