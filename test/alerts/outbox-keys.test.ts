import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import { OutboxDispatcher } from '../../src/notifications/outbox.dispatcher.js';
import { OutboxService } from '../../src/notifications/outbox.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtp, type SmtpReceiver } from './support/receivers.js';

const mail = (key: string, extra: { alertId?: string } = {}) => ({ channel: 'email' as const, to: 'oncall@acme.test', subject: key, text: 'x', idempotencyKey: key, ...extra });

/** The outbox finds a row by its idempotency key through `outbox_keys` (key → row id), never by scanning the rows. */
describe('outbox idempotency keys', () => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  let outbox: OutboxService;
  const clock = new ManualClock('2026-11-20T08:00:00Z');
  const rows = (key: string) => t.connection.collection('outbox').find({ idempotencyKey: key }).toArray();

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      label: 'outbox_keys',
      clock,
      config: { smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'goldenhour <alerts@goldenhour.test>' } },
    });
    outbox = t.app.get(OutboxService);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('writes once the row of a key whose writer stopped between the key and the row, however many enqueue it again', async () => {
    // What a writer killed after claiming the key leaves behind: its queue entry and its key, no row.
    const orphan = new Types.ObjectId();
    await t.connection.collection('outbox_queue').insertOne({ _id: orphan, state: 'pending', nextAttemptAt: clock.now() });
    await t.connection.collection('outbox_keys').insertOne({ _id: 'test|orphan' as never, row: orphan, createdAt: clock.now() });
    const again = await Promise.all([outbox.enqueue(mail('test|orphan')), outbox.enqueue(mail('test|orphan')), outbox.enqueue(mail('test|orphan'))]);
    expect(again.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(again.map((r) => r.item.id))).toEqual(new Set([String(orphan)]));
    expect(await rows('test|orphan')).toHaveLength(1);
    await t.app.get(OutboxDispatcher).dispatchDue();
    await smtp.waitFor(1);
    expect(smtp.mails.map((m) => m.subject)).toEqual(['test|orphan']);
  });

  it('finds a row written before the keys existed by its key and keys the rest on migrate', async () => {
    const earlier = (key: string) => ({ _id: new Types.ObjectId(), ...mail(key), state: 'sent', attempts: 1, nextAttemptAt: clock.now(), createdAt: clock.now(), sentAt: clock.now() });
    const [a, b] = [earlier('test|old-a'), earlier('test|old-b')];
    await t.connection.collection('outbox').insertMany([a, b]);
    const repeat = await outbox.enqueue(mail('test|old-a'));
    expect(repeat).toMatchObject({ created: false, item: { id: String(a._id), state: 'sent' } });
    expect(await rows('test|old-a')).toHaveLength(1);
    expect(await t.connection.collection('outbox_queue').countDocuments({})).toBe(0); // nothing left to send
    expect(await outbox.keyEarlierRows()).toBe(1);
    expect(await outbox.keyEarlierRows()).toBe(0);
    expect((await outbox.list({ state: 'sent', limit: 10 })).map((r) => r.idempotencyKey).sort()).toEqual(['test|old-a', 'test|old-b', 'test|orphan']);
  });

  it('lists an alert\'s rows newest first, and unsent rows by state', async () => {
    await outbox.enqueue(mail('test|alert-1', { alertId: 'a1' }));
    clock.advance(1_000);
    await outbox.enqueue(mail('test|alert-2', { alertId: 'a1' }));
    await outbox.enqueue(mail('test|other', { alertId: 'a2' }));
    expect((await outbox.list({ alertId: 'a1', limit: 10 })).map((r) => r.idempotencyKey)).toEqual(['test|alert-2', 'test|alert-1']);
    expect((await outbox.list({ alertId: 'a1', limit: 1 })).map((r) => r.idempotencyKey)).toEqual(['test|alert-2']);
    expect((await outbox.list({ state: 'pending', limit: 10 })).map((r) => r.idempotencyKey).sort()).toEqual(['test|alert-1', 'test|alert-2', 'test|other']);
  });
});
