import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { AlertsService } from '../../src/alerts/alerts.service.js';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import { OutboxDispatcher } from '../../src/notifications/outbox.dispatcher.js';
import { OutboxService } from '../../src/notifications/outbox.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { GoldenhourConfig } from '../../src/platform/config/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtp, type SmtpReceiver } from './support/receivers.js';
import { aSignal } from './support/signals.js';

describe('alerts across a restart', () => {
  let smtp: SmtpReceiver;
  const clock = new ManualClock('2026-11-20T08:00:00Z');
  const dbName = `t_alerts_restart_${randomBytes(3).toString('hex')}`;
  let config: Partial<GoldenhourConfig>;
  let apps: TestApp[] = [];
  const boot = async () => {
    const t = await startTestApp({ label: 'alerts_restart', clock, config, dropOnClose: false });
    apps.push(t);
    return t;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    config = {
      dbName,
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'goldenhour <alerts@goldenhour.test>' },
      teams: [{ id: 'pr', name: 'PR', members: [{ name: 'Lin', email: 'lin@acme.test', role: 'member' }], channels: [] }],
    };
  });

  afterAll(async () => {
    const last = apps.at(-1);
    await last?.connection.dropDatabase().catch(() => undefined);
    for (const t of apps) await t.close().catch(() => undefined);
    await smtp?.stop();
  });

  it('sends a mail left in `sending` by a crashed worker once its lease expires, exactly once', async () => {
    const first = await boot();
    await first.app.get(OutboxService).enqueue({ channel: 'email', to: 'lin@acme.test', subject: 'before the crash', text: 'x', idempotencyKey: 'test|crash-1' });
    const now = clock.now();
    const claimed = await first.app.get(OutboxDispatcher).claim(now);
    expect(claimed?.item.state).toBe('sending');
    await first.close(); // the worker dies between claiming the row and sending it

    const second = await boot();
    const dispatcher = second.app.get(OutboxDispatcher);
    expect((await dispatcher.dispatchDue()).sent).toBe(0); // the dead worker's lease still holds
    clock.advance(61_000);
    expect((await dispatcher.dispatchDue()).sent).toBe(1);
    expect((await dispatcher.dispatchDue()).sent).toBe(0);
    await smtp.waitFor(1);
    expect(smtp.mails.filter((m) => m.subject === 'before the crash')).toHaveLength(1);
    await second.close();
  });

  it('neither loses nor doubles an alert when the daemon restarts mid-situation', async () => {
    const first = await boot();
    const signal = aSignal({ key: 'acme|negative_surge|weibo|restart', startedAt: clock.now(), lastSeenAt: clock.now() });
    expect(await first.app.get(EscalationService).escalate([signal], clock.now())).toEqual([]);
    await first.close(); // restart inside group_wait: the group must survive

    const second = await boot();
    const due = await second.app.get(EscalationService).escalate([], clock.advance(30_000));
    expect(due.map((a) => a.reason)).toEqual(['new']);
    await second.close();

    const third = await boot();
    const again = third.app.get(AlertsService);
    expect(await third.app.get(EscalationService).escalate([{ ...signal, lastSeenAt: clock.advance(60_000) }], clock.now())).toEqual([]);
    expect(await again.list({ limit: 10 })).toHaveLength(1);
    const rows = await third.app.get(OutboxService).list({ alertId: due[0].key, limit: 10 });
    expect(rows).toHaveLength(1);
  });

  it('sends each row once when two replicas dispatch the same outbox at the same time', async () => {
    const [a, b] = [await boot(), await boot()];
    const before = smtp.mails.length;
    for (let i = 0; i < 20; i++) await a.app.get(OutboxService).enqueue({ channel: 'email', to: 'lin@acme.test', subject: `replica ${i}`, text: 'x', idempotencyKey: `test|replica-${i}` });
    const [ra, rb] = await Promise.all([a.app.get(OutboxDispatcher).dispatchDue(), b.app.get(OutboxDispatcher).dispatchDue()]);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
    await smtp.waitFor(before + 20);
    await new Promise((r) => setTimeout(r, 300)); // time for a duplicate to arrive, if one were sent
    const arrived = smtp.mails.slice(before).map((m) => m.subject);
    expect(arrived).toHaveLength(ra.sent + rb.sent); // every row sent was received once (the earlier alert's mail included)
    expect(new Set(arrived).size).toBe(arrived.length);
    expect(arrived.filter((s) => s?.startsWith('replica '))).toHaveLength(20);
  });

  it('raises one alert when two replicas evaluate the same signals at the same moment', async () => {
    const [a, b] = apps.slice(-2);
    const signal = aSignal({ key: 'acme|negative_surge|weibo|replicas', brand: 'globex', startedAt: clock.now(), lastSeenAt: clock.now() });
    await Promise.all([a.app.get(EscalationService).escalate([signal], clock.now()), b.app.get(EscalationService).escalate([signal], clock.now())]);
    const at = clock.advance(30_000);
    const [da, db] = await Promise.all([a.app.get(EscalationService).escalate([], at), b.app.get(EscalationService).escalate([], at)]);
    expect([...da, ...db].map((x) => x.brand)).toEqual(['globex']);
  });
});
