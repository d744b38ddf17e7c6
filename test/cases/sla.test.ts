import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OutboxService } from '../../src/notifications/outbox.service.js';
import { CaseSlaService } from '../../src/cases/case-sla.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const care = {
  id: 'care',
  name: 'Customer care',
  members: [
    { name: 'Wang', email: 'wang@care.test', role: 'member' as const },
    { name: 'Care lead', email: 'lead@care.test', role: 'lead' as const },
  ],
  channels: [],
};

describe('case SLA reminders, escalation and breaches', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-20T08:00:00Z');
  beforeAll(async () => {
    t = await startTestApp({ label: 'case_sla', clock, config: { brands: [acmeBrand], teams: [care] } });
  });
  afterAll(async () => t.close());

  const pass = async (at: string) => {
    clock.set(at);
    return (await t.app.get(CaseSlaService).run(clock.now())).map((f) => `${f.step}→${f.notify}`);
  };
  const mail = async () => (await t.app.get(OutboxService).list({ limit: 50 })).map((r) => `${r.idempotencyKey.split('|')[2]} ${r.to}`).sort();

  it('reminds the owner an hour before the first-reply deadline, escalates to the lead 30 minutes before, and records the breach at it', async () => {
    await t.request('/api/v1/mentions', { method: 'POST', json: mention({ platform: 'jd', externalId: 'late-1', text: '快递晚了三天', rating: 1 }) });
    await t.request('/api/v1/cases/case%3Ajd%3Alate-1/assign', { method: 'POST', as: 'responder', json: { owner: 'Wang' } });
    // Opened Friday 16:00 in Shanghai (08:00 UTC); first public reply due 20:00 there (12:00 UTC).
    expect(await pass('2026-11-20T10:59:00Z')).toEqual([]);
    expect(await pass('2026-11-20T11:00:00Z')).toEqual(['remind-first-reply→owner']);
    expect(await pass('2026-11-20T11:30:00Z')).toEqual(['escalate-first-reply→team-lead']);
    expect(await pass('2026-11-20T12:00:00Z')).toEqual(['breach-first-reply→team-lead']);
    expect(await pass('2026-11-20T12:01:00Z')).toEqual([]);
    expect(await mail()).toEqual(['breach-first-reply lead@care.test', 'escalate-first-reply lead@care.test', 'remind-first-reply wang@care.test']);
    await t.request('/api/v1/cases/case%3Ajd%3Alate-1/resolve', { method: 'POST', as: 'responder' });
    expect(await pass('2026-11-23T12:00:00Z')).toEqual([]);
  });

  it('fires nothing while waiting for the customer, and counts on from where the clock stopped', async () => {
    clock.set('2026-11-20T08:00:00Z');
    await t.request('/api/v1/mentions', { method: 'POST', json: mention({ platform: 'jd', externalId: 'late-2', text: '少送了一份', rating: 2, author: { name: 'b', handle: 'b2' }, extra: { productId: 'p2' } }) });
    await t.request('/api/v1/cases/case%3Ajd%3Alate-2/replied', { method: 'POST', as: 'responder', json: { url: 'https://jd.example/reply/2' } });
    clock.set('2026-11-20T12:30:00Z');
    const waiting = await t.request('/api/v1/cases/case%3Ajd%3Alate-2/wait', { method: 'POST', as: 'responder' });
    expect([waiting.status, await waiting.text()]).toEqual([201, expect.stringContaining('"state":"waiting"')]);
    expect(await pass('2026-11-23T12:00:00Z')).toEqual([]);
    // Waiting from Friday 20:30 to Monday 20:00 Shanghai: 4.5 working hours had run, 19.5 are left, so
    // 1 on Monday, 12 on Tuesday and 6.5 on Wednesday: due 15:30 Shanghai.
    await t.request('/api/v1/mentions', { method: 'POST', json: mention({ platform: 'jd', externalId: 'late-3', text: '还是没收到', publishedAt: '2026-11-23T12:00:00Z', author: { name: 'b', handle: 'b2' }, extra: { productId: 'p2' } }) });
    const c = (await (await t.request('/api/v1/cases/case%3Ajd%3Alate-2')).json()) as { state: string; clock: { resolveDueAt: string } };
    expect(c).toMatchObject({ state: 'replied', clock: { resolveDueAt: '2026-11-25T07:30:00.000Z' } });
  });
});

describe('goldenhour replay --cases', () => {
  it('prints case reminders, escalation and the breach at their simulated minutes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'goldenhour-replay-'));
    try {
      const child = spawn(process.execPath, [resolve('bin/goldenhour.js'), 'replay', '--cases', '--tail', '250', resolve('test/scenarios/jd-one-star-case.jsonl')], {
        cwd: dataDir,
        env: { ...process.env, MONGODB_URI: process.env.GOLDENHOUR_TEST_MONGODB_URI },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      expect(await new Promise<number | null>((done) => child.on('close', done))).toBe(0);
      const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
      expect(lines.filter((l) => l.type === 'case_step').map((l) => `${l.at.slice(11, 16)} ${l.step} → ${l.notify}`)).toEqual([
        '11:00 remind-first-reply → owner',
        '11:30 escalate-first-reply → team-lead',
        '12:00 breach-first-reply → team-lead',
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
