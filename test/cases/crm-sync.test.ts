import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboxDispatcher } from '../../src/notifications/outbox.dispatcher.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const SECRET = 'crm-shared-secret-0123456789';
const hmac = (data: string) => `sha256=${createHmac('sha256', SECRET).update(data).digest('hex')}`;

/** A CRM on 127.0.0.1 that can go down (its port closed) and come back; it keeps what it accepted once per idempotency key. */
async function startCrm() {
  const accepted = new Map<string, { headers: IncomingHttpHeaders; raw: string }>();
  let deliveries = 0;
  let server: Server | undefined;
  let port = 0;
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          deliveries++;
          const key = String(req.headers['idempotency-key']);
          if (!accepted.has(key)) accepted.set(key, { headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        });
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  await up();
  return {
    url: () => `http://127.0.0.1:${port}/hooks/goldenhour`,
    accepted,
    deliveries: () => deliveries,
    down: () => new Promise<void>((resolve) => server!.close(() => resolve())),
    up,
  };
}

describe('CRM sync', () => {
  let t: TestApp;
  let crm: Awaited<ReturnType<typeof startCrm>>;
  const clock = new ManualClock('2026-11-20T08:00:00Z');
  beforeAll(async () => {
    crm = await startCrm();
    t = await startTestApp({
      label: 'case_crm',
      clock,
      config: { brands: [acmeBrand], crm: { url: crm.url(), secret: SECRET, mapping: 'goldenhour' }, alerts: { evaluateSeconds: 15, outbox: { maxAttempts: 8, backoffMs: 1_000, maxBackoffMs: 60_000, leaseMs: 60_000, pollMs: 5_000 } } },
    });
  });
  afterAll(async () => {
    await t.close();
    await crm.down();
  });

  const dispatch = () => t.app.get(OutboxDispatcher).dispatchDue();

  it('delivers each case once, signed, across an outage of the receiver', async () => {
    await crm.down();
    await t.request('/api/v1/mentions', { method: 'POST', json: mention({ platform: 'jd', externalId: 'c1', text: '收到的货是坏的', rating: 1, url: 'https://item.jd.com/c1' }) });
    expect(await dispatch()).toMatchObject({ sent: 0, failed: 1 });
    clock.advance(60_000);
    expect(await dispatch()).toMatchObject({ sent: 0, failed: 1 });
    await crm.up();
    clock.advance(120_000);
    expect(await dispatch()).toMatchObject({ sent: 1 });
    clock.advance(600_000);
    expect(await dispatch()).toMatchObject({ sent: 0, failed: 0 });
    expect([...crm.accepted.keys()]).toEqual(['crm|case:jd:c1|1']);
    expect(crm.deliveries()).toBe(1);
    const { headers, raw } = crm.accepted.get('crm|case:jd:c1|1')!;
    expect(headers['x-goldenhour-signature']).toBe(hmac(`${headers['x-goldenhour-timestamp']}.${raw}`));
    expect(JSON.parse(raw)).toMatchObject({
      schema: 'goldenhour.case/v1',
      event: 'case.opened',
      case: { id: 'case:jd:c1', version: 1, state: 'open', brand: 'acme', platform: 'jd', team: 'care', reasons: ['low-rating', 'negative-review'] },
      text: { body: '收到的货是坏的', rating: 1 },
      links: { mention: 'https://item.jd.com/c1' },
      sentiment: { label: 'negative' },
      due: { firstReplyAt: expect.any(String), resolveAt: expect.any(String), paused: false },
    });
  });

  const signed = (body: unknown, o: { nonce?: string; ts?: number; secret?: string } = {}) => {
    const raw = JSON.stringify(body);
    const ts = String(o.ts ?? Math.floor(clock.now().getTime() / 1000));
    const nonce = o.nonce ?? randomBytes(12).toString('hex');
    const sig = `sha256=${createHmac('sha256', o.secret ?? SECRET).update(`${ts}.${nonce}.${raw}`).digest('hex')}`;
    return { method: 'POST', as: null, headers: { 'content-type': 'application/json', 'x-goldenhour-timestamp': ts, 'x-goldenhour-nonce': nonce, 'x-goldenhour-signature': sig }, body: raw };
  };

  it('lets the CRM report assignment and closure, and does not echo them back', async () => {
    const assigned = await t.request('/api/v1/cases/sync', signed({ caseId: 'case:jd:c1', event: 'assigned', owner: 'Alice', by: 'alice@crm' }));
    expect(await assigned.json()).toEqual({ caseId: 'case:jd:c1', state: 'open', owner: 'Alice', version: 2 });
    const closed = await t.request('/api/v1/cases/sync', signed({ caseId: 'case:jd:c1', event: 'closed', by: 'alice@crm', note: 'refunded' }));
    expect(closed.status).toBe(200);
    const c = (await (await t.request('/api/v1/cases/case%3Ajd%3Ac1')).json()) as { state: string; history: { by: string; action: string }[] };
    expect(c.state).toBe('resolved');
    expect(c.history.at(-1)).toMatchObject({ by: 'crm (alice@crm)', action: 'resolve' });
    expect(((await (await t.request('/api/v1/cases')).json()) as { cases: unknown[] }).cases).toEqual([]);
    await dispatch();
    expect([...crm.accepted.keys()]).toEqual(['crm|case:jd:c1|1']);
  });

  it('refuses a forged, a stale and a replayed request', async () => {
    const forged = await t.request('/api/v1/cases/sync', signed({ caseId: 'case:jd:c1', event: 'reopened' }, { secret: 'not-the-shared-secret-at-all' }));
    expect([forged.status, ((await forged.json()) as { message: string }).message]).toEqual([401, expect.stringMatching(/bad signature/)]);
    const stale = await t.request('/api/v1/cases/sync', signed({ caseId: 'case:jd:c1', event: 'reopened' }, { ts: Math.floor(clock.now().getTime() / 1000) - 600 }));
    expect(stale.status).toBe(401);
    const once = signed({ caseId: 'case:jd:c1', event: 'reopened', note: 'customer wrote back' });
    expect((await t.request('/api/v1/cases/sync', once)).status).toBe(200);
    const replayed = await t.request('/api/v1/cases/sync', once);
    expect([replayed.status, ((await replayed.json()) as { message: string }).message]).toEqual([409, expect.stringMatching(/replay/)]);
    const c = (await (await t.request('/api/v1/cases/case%3Ajd%3Ac1')).json()) as { state: string; history: { action: string }[] };
    expect([c.state, c.history.filter((h) => h.action === 'reopen').length]).toEqual(['open', 1]);
  });
});
