import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { AlertsService } from '../../src/alerts/alerts.service.js';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import { OutboxDispatcher } from '../../src/notifications/outbox.dispatcher.js';
import type { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtp, startWebhookReceiver, type SmtpReceiver } from './support/receivers.js';
import { aSignal } from './support/signals.js';

const SECRET = 'test-signing-secret';

describe('alert notifications', () => {
  let smtp: SmtpReceiver;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let t: TestApp;
  let alerts: AlertsService;
  let escalation: EscalationService;
  let dispatcher: OutboxDispatcher;
  let clock: ManualClock;

  beforeAll(async () => {
    smtp = await startSmtp();
    hooks = await startWebhookReceiver();
    t = await startTestApp({
      label: 'alert_notifications',
      config: {
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'goldenhour <alerts@goldenhour.test>' },
        teams: [
          {
            id: 'pr',
            name: 'PR on call',
            members: [{ name: 'Lin', email: 'lin@acme.test', role: 'member' }, { name: 'Ana', email: 'ana@acme.test', role: 'lead' }],
            channels: [
              { type: 'webhook', to: `${hooks.url}/generic`, secret: SECRET },
              { type: 'slack', to: `${hooks.url}/slack` },
              { type: 'dingtalk', to: `${hooks.url}/dingtalk`, secret: 'ding-secret' },
            ],
          },
        ],
      },
    });
    alerts = t.app.get(AlertsService);
    escalation = t.app.get(EscalationService);
    dispatcher = t.app.get(OutboxDispatcher);
    clock = t.clock as ManualClock;
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await hooks?.close();
  });

  it('turns 50 crisis signals within group_wait into one P1 alert and one mail per member', async () => {
    const t0 = clock.now();
    for (let i = 0; i < 50; i++) {
      const at = clock.advance(500);
      expect(await escalation.escalate([aSignal({ key: `acme|negative_surge|weibo|s${i}`, startedAt: at, lastSeenAt: at })], at)).toEqual([]);
    }
    const due = await escalation.escalate([], clock.advance(5_500)); // 30 s after the first signal: group_wait of the crisis rule
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ severity: 'P1', ruleId: 'crisis-negative-surge', brand: 'acme', slaPolicy: 'one-hour', needsResponse: true, reason: 'new' });
    expect(due[0].signalKeys).toHaveLength(50);
    expect(due[0].key).toBe(`crisis-negative-surge|brand=acme@${new Date(t0.getTime() + 500).toISOString()}`);

    const result = await dispatcher.dispatchDue();
    expect(result).toEqual({ sent: 5, failed: 0, dead: 0, deferred: 0 });
    const mails = await smtp.waitFor(2);
    expect(mails.flatMap((m) => (Array.isArray(m.to) ? m.to : [m.to]).flatMap((a) => a!.value.map((v) => v.address))).sort()).toEqual(['ana@acme.test', 'lin@acme.test']);
  });

  it('says in the mail what happened, the evidence with links, the SLA due time and how to acknowledge', async () => {
    const [alert] = await alerts.list({ limit: 1 });
    const mail = smtp.mails[0];
    // The incidents side links the incident it opened for the alert; without it the link names the alert.
    const ackUrl = /^Acknowledge: (\S+)$/m.exec(mail.text ?? '')?.[1];
    // The link opens the incident in the web app (which routes on the hash).
    expect(ackUrl).toMatch(new RegExp(`^${t.config.publicUrl.replace(/[.?]/g, '\\$&')}/#/incident/`));
    const respondBy = new Date(alert.createdAt.getTime() + 60 * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(mail.subject).toBe('[P1] negative surge with crisis terms (食物中毒) for acme');
    expect(mail.text).toContain('120 mentions vs ~8 expected; 81% negative; crisis terms: 食物中毒');
    expect(mail.text).toContain(`Public response due: ${respondBy} UTC (SLA policy one-hour)`);
    expect(mail.text).toContain('https://weibo.example/status/w-1');
    expect(mail.html).toContain('<a href="https://weibo.example/status/w-1" target="_blank" rel="noopener noreferrer">吃了阿克米的午餐后全家食物中毒</a>');
    expect(mail.html).toContain(`href="${ackUrl}"`);
    expect(mail.messageId).toContain(encodeURIComponent(`alert|${alert.key}|1|email|`));
  });

  it('signs the generic webhook with HMAC-SHA256 over timestamp and body', () => {
    const generic = hooks.requests.find((r) => r.path === '/generic')!;
    const timestamp = String(generic.headers['x-goldenhour-timestamp']);
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${generic.raw}`).digest('hex')}`;
    expect(generic.headers['x-goldenhour-signature']).toBe(expected);
    expect(generic.body).toMatchObject({ type: 'alert', severity: 'P1', brand: 'acme', data: { ruleId: 'crisis-negative-surge', notifyCount: 1 } });
    expect(generic.headers['idempotency-key']).toMatch(/^alert\|crisis-negative-surge\|brand=acme@.*\|1\|webhook\|/);
  });

  it('posts Slack Block Kit and a signed DingTalk markdown message', () => {
    const slack = hooks.requests.find((r) => r.path === '/slack')!.body as { text: string; blocks: { type: string }[] };
    expect(slack.text).toContain('[P1]');
    expect(slack.blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions']);
    const ding = hooks.requests.find((r) => r.path.startsWith('/dingtalk'))!;
    const q = new URL(ding.path, hooks.url).searchParams;
    const sign = createHmac('sha256', 'ding-secret').update(`${q.get('timestamp')}\nding-secret`).digest('base64');
    expect(q.get('sign')).toBe(sign);
    expect(ding.body).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('[P1]') } });
  });

  it('does not notify again for the same signals until repeat_interval, then repeats under the same key', async () => {
    const [alert] = await alerts.list({ limit: 1 });
    const signal = aSignal({ key: alert.signalKeys[0], startedAt: alert.createdAt, lastSeenAt: clock.advance(10 * 60_000) });
    expect(await escalation.escalate([signal], clock.now())).toEqual([]);
    const later = clock.advance(21 * 60_000); // 31 min after the first notification; repeat_interval is 30m
    const again = await escalation.escalate([{ ...signal, lastSeenAt: later }], later);
    expect(again.map((a) => [a.key, a.reason, a.notifyCount])).toEqual([[alert.key, 'repeat', 2]]);
  });

  it('lists alerts to viewers and the outbox to admins only', async () => {
    const list = await (await t.request('/api/v1/alerts?brand=acme', { as: 'viewer' })).json();
    expect(list).toHaveLength(1);
    expect((await t.request('/api/v1/outbox', { as: 'viewer' })).status).toBe(403);
    const repeats = (await (await t.request('/api/v1/outbox?state=pending')).json()) as { channel: string }[];
    expect(repeats.map((r) => r.channel).sort()).toEqual(['dingtalk', 'email', 'email', 'slack', 'webhook']);
    expect((await t.request('/api/v1/outbox?state=lost')).status).toBe(400);
  });

  it('marks the alert ended when its signals end, so the next surge is a new alert', async () => {
    const [alert] = await alerts.list({ limit: 1 });
    const endedAt = clock.advance(60_000);
    const closed = alert.signalKeys.map((key) => aSignal({ key, status: 'closed', startedAt: alert.createdAt, lastSeenAt: endedAt, endedAt }));
    expect(await escalation.escalate(closed, endedAt)).toEqual([]);
    const [listed] = (await (await t.request('/api/v1/alerts?brand=acme', { as: 'viewer' })).json()) as { key: string; endedAt: string }[];
    expect(listed).toMatchObject({ key: alert.key, endedAt: endedAt.toISOString() });

    const next = clock.advance(60_000);
    await escalation.escalate([aSignal({ key: 'acme|negative_surge|weibo|next', startedAt: next, lastSeenAt: next })], next);
    const due = await escalation.escalate([], clock.advance(30_000));
    expect(due.map((a) => [a.reason, a.key === alert.key])).toEqual([['new', false]]);
  });
});
