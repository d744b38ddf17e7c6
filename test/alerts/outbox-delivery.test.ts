import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxDispatcher } from '../../src/notifications/outbox.dispatcher.js';
import { OutboxService } from '../../src/notifications/outbox.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtp, startWebhookReceiver, type SmtpReceiver } from './support/receivers.js';

const mail = (n: number) => ({ channel: 'email' as const, to: `oncall${n}@acme.test`, subject: `mail ${n}`, text: `body ${n}`, idempotencyKey: `test|mail-${n}` });

describe('outbox delivery', () => {
  let smtp: SmtpReceiver;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let t: TestApp;
  let outbox: OutboxService;
  let dispatcher: OutboxDispatcher;
  const clock = new ManualClock('2026-11-20T08:00:00Z');

  beforeAll(async () => {
    smtp = await startSmtp();
    await smtp.stop();
    hooks = await startWebhookReceiver();
    t = await startTestApp({
      label: 'outbox_delivery',
      clock,
      config: {
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'goldenhour <alerts@goldenhour.test>' },
        teams: [{ id: 'cs', name: 'Customer service', members: [], channels: [{ type: 'wecom', to: `${hooks.url}/wecom`, ratePerMinute: 2 }] }],
        alerts: { evaluateSeconds: 15, outbox: { maxAttempts: 4, backoffMs: 1_000, maxBackoffMs: 60_000, leaseMs: 60_000, pollMs: 5_000 } },
      },
    });
    outbox = t.app.get(OutboxService);
    dispatcher = t.app.get(OutboxDispatcher);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop().catch(() => undefined);
    await hooks?.close();
  });

  it('enqueues a notification once per idempotency key', async () => {
    expect((await outbox.enqueue(mail(1))).created).toBe(true);
    expect((await outbox.enqueue(mail(1))).created).toBe(false);
    await outbox.enqueue(mail(2));
    await outbox.enqueue(mail(3));
    expect(await outbox.list({ state: 'pending', limit: 10 })).toHaveLength(3);
  });

  it('keeps mails while SMTP is down and delivers each exactly once after it returns', async () => {
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 3, dead: 0, deferred: 0 });
    clock.advance(1_000);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 3, dead: 0, deferred: 0 });
    await smtp.start();
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, dead: 0, deferred: 0 }); // backoff: next try 2 s after the second failure
    clock.advance(2_000);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 3, failed: 0, dead: 0, deferred: 0 });
    clock.advance(3_600_000);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, dead: 0, deferred: 0 });
    await smtp.waitFor(3);
    expect(smtp.mails.map((m) => m.subject).sort()).toEqual(['mail 1', 'mail 2', 'mail 3']);
    const sent = await outbox.list({ state: 'sent', limit: 10 });
    expect(sent.map((r) => r.attempts)).toEqual([3, 3, 3]);
  });

  it('holds sends beyond a channel\'s per-minute rate until the window frees', async () => {
    for (let i = 0; i < 3; i++) await outbox.enqueue({ channel: 'wecom', to: `${hooks.url}/wecom`, payload: { msgtype: 'text', text: { content: `n${i}` } }, idempotencyKey: `test|wecom-${i}` });
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 2, failed: 0, dead: 0, deferred: 1 });
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, dead: 0, deferred: 0 });
    clock.advance(60_000);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, dead: 0, deferred: 0 });
    expect(hooks.requests.map((r) => (r.body as { text: { content: string } }).text.content).sort()).toEqual(['n0', 'n1', 'n2']);
  });

  it('dead-letters a notification after the last attempt and lists it for admins', async () => {
    await outbox.enqueue({ channel: 'webhook', to: `http://127.0.0.1:${smtp.port}/not-http`, payload: { hello: 'world' }, idempotencyKey: 'test|hook-1' });
    await smtp.stop(); // the port now closes every connection at once
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await dispatcher.dispatchDue());
      clock.advance(60_000);
    }
    expect(outcomes.map((o) => (o.dead ? 'dead' : o.failed ? 'failed' : 'none'))).toEqual(['failed', 'failed', 'failed', 'dead']);
    const dead = (await (await t.request('/api/v1/outbox?state=dead')).json()) as { idempotencyKey: string; attempts: number; lastError: string }[];
    expect(dead).toMatchObject([{ idempotencyKey: 'test|hook-1', attempts: 4 }]);
    expect(dead[0].lastError).toMatch(/fetch failed|ECONNREFUSED/);
    const metrics = await (await t.request('/metrics', { as: 'viewer' })).text();
    expect(metrics).toContain('goldenhour_outbox_rows{state="dead"} 1');
    expect(metrics).not.toContain('goldenhour_outbox_rows{state="sent"}'); // counting sent rows would read the whole history
    expect(metrics).toContain('goldenhour_outbox_attempts_total{channel="webhook",outcome="dead"} 1');
  });

  it('lets an admin send a dead-lettered notification again', async () => {
    const [dead] = (await (await t.request('/api/v1/outbox?state=dead')).json()) as { id: string }[];
    expect((await t.request(`/api/v1/outbox/${dead.id}/retry`, { method: 'POST', as: 'responder' })).status).toBe(403);
    expect((await t.request(`/api/v1/outbox/${dead.id}/retry`, { method: 'POST' })).status).toBe(200);
    expect(await outbox.list({ state: 'pending', limit: 10 })).toMatchObject([{ id: dead.id, attempts: 0 }]);
    expect((await t.request(`/api/v1/outbox/${dead.id}/retry`, { method: 'POST' })).status).toBe(404);
    await smtp.start(); // something listens on the port again, though it does not speak HTTP: the row fails once more
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 1, dead: 0, deferred: 0 });
  });

});
