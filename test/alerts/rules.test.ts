import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import { loadRules, validateRulesDir } from '../../src/alerts/rules-loader.js';
import type { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { aSignal } from './support/signals.js';

const BROKEN = `rules:
  - id: night-shift
    match:
      kinds: [viral_post]
    severity: P5
    group_wiat: 30s
`;

describe('alert rule files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gh-rules-'));
  const userDir = mkdtempSync(join(tmpdir(), 'gh-user-rules-'));
  let t: TestApp;

  beforeAll(async () => {
    writeFileSync(join(dir, 'alerts.yaml'), 'rules:\n  - id: negative-surge\n    severity: P2\n    match: { kinds: [negative_surge] }\n    group_wait: 0s\n');
    writeFileSync(join(dir, 'alerts-broken.yaml'), BROKEN);
    t = await startTestApp({ label: 'alert_rules', config: { rulesDir: dir, alerts: { evaluateSeconds: 15, userRulesDir: userDir, outbox: { maxAttempts: 8, backoffMs: 1000, maxBackoffMs: 60_000, leaseMs: 60_000, pollMs: 5000 } } } });
  });

  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(userDir, { recursive: true, force: true });
  });

  it('accepts the default rules shipped in rules/', () => {
    const report = validateRulesDir('rules');
    expect(report.ok).toBe(true);
    expect(report.messages).toEqual([expect.stringMatching(/rules\/alerts\.yaml: 5 rule\(s\) ok$/)]);
  });

  it('knows crisis-term categories and SLA policies from the same directory', () => {
    const loaded = loadRules(['rules']);
    expect(loaded.categoryOf('Food Poisoning')).toBe('food-safety');
    expect(loaded.slaPolicies.get('one-hour')).toEqual({ respondWithinMinutes: 60, solveWithinMinutes: 240 });
  });

  it('names file, line, key and the allowed values for a broken rule, and switches off only that file', () => {
    const report = validateRulesDir(dir);
    const file = join(dir, 'alerts-broken.yaml');
    expect(report.ok).toBe(false);
    expect(report.messages).toEqual([
      `${file}:5: rules.0.severity: must be one of "P1", "P2", "P3", "P4" (got "P5")`,
      `${file}:6: rules.0.group_wiat: unknown key(s) "group_wiat": remove or correct the spelling`,
      `${join(dir, 'alerts.yaml')}: 1 rule(s) ok`,
    ]);
    expect(loadRules([dir]).ruleSet.rules.map((r) => r.id)).toEqual(['negative-surge']);
  });

  it('lets a rule match a negative review aspect, and names file and line of an aspect that rules/aspects.yaml lacks', () => {
    const aspectsDir = mkdtempSync(join(tmpdir(), 'gh-aspect-rules-'));
    try {
      writeFileSync(join(aspectsDir, 'aspects.yaml'), 'taste:\n  zh: [味道]\ndelivery:\n  en: [delivery]\n');
      writeFileSync(join(aspectsDir, 'alerts.yaml'), 'rules:\n  - id: food-safety\n    severity: P1\n    match:\n      negative_aspects: [taste]\n');
      writeFileSync(join(aspectsDir, 'alerts-typo.yaml'), 'rules:\n  - id: late\n    severity: P3\n    match:\n      negative_aspects:\n        - delivery\n        - deliveries\n');
      const report = validateRulesDir(aspectsDir);
      expect(report.messages).toEqual([
        `${join(aspectsDir, 'alerts-typo.yaml')}:7: rules.0.match.negative_aspects.1: unknown aspect "deliveries": use one of "taste", "delivery" or add it to rules/aspects.yaml`,
        `${join(aspectsDir, 'alerts.yaml')}: 1 rule(s) ok`,
      ]);
      expect(loadRules([aspectsDir]).ruleSet.rules.map((r) => [r.id, r.match.negative_aspects])).toEqual([['food-safety', ['taste']]]);
    } finally {
      rmSync(aspectsDir, { recursive: true, force: true });
    }
  });

  it('picks up a rule added to the user rules directory without a restart', async () => {
    const alerts = t.app.get(EscalationService);
    const clock = t.clock as ManualClock;
    const viral = aSignal({ key: 'acme|viral_post|weibo|w-1', kind: 'viral_post', startedAt: clock.now(), lastSeenAt: clock.now() });
    expect(await alerts.escalate([viral], clock.now())).toEqual([]);

    writeFileSync(join(userDir, 'alerts.local.yaml'), 'rules:\n  - id: viral-now\n    severity: P1\n    match: { kinds: [viral_post] }\n    group_wait: 0s\n');
    const due = await alerts.escalate([{ ...viral, lastSeenAt: clock.advance(60_000) }], clock.now());
    expect(due.map((a) => [a.ruleId, a.severity])).toEqual([['viral-now', 'P1']]);

    const loaded = (await (await t.request('/api/v1/alerts/rules', { as: 'viewer' })).json()) as { files: { file: string; ok: boolean }[]; rules: { id: string }[] };
    expect(loaded.rules.map((r) => r.id)).toEqual(['negative-surge', 'viral-now']);
    expect(loaded.files.map((f) => [f.file, f.ok])).toEqual([
      [join(dir, 'alerts-broken.yaml'), false],
      [join(dir, 'alerts.yaml'), true],
      [join(userDir, 'alerts.local.yaml'), true],
    ]);
  });
});
