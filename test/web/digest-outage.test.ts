import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DigestService } from '../../src/dashboards/digest.service.js';
import { OutboxDispatcher } from '../../src/notifications/outbox.dispatcher.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startSmtp, type SmtpReceiver } from '../alerts/support/receivers.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { webConfig } from './support.js';

const DAY = '2026-11-20';
const RECIPIENTS = ['exec@acme.test', 'care@acme.test'];

describe('the daily digest during an SMTP outage', () => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  let digests: DigestService;
  let dispatcher: OutboxDispatcher;
  const clock = new ManualClock('2026-11-21T00:31:00Z'); // 08:31 in Shanghai: the digest of the 20th is due at 08:30

  beforeAll(async () => {
    smtp = await startSmtp();
    await smtp.stop();
    t = await startTestApp({
      label: 'digest_outage',
      clock,
      config: {
        ...webConfig,
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'goldenhour <digest@goldenhour.test>' },
        digest: { brands: [{ brand: 'acme', at: '08:30', to: RECIPIENTS, lang: 'en' }] },
        alerts: { evaluateSeconds: 15, outbox: { maxAttempts: 5, backoffMs: 1_000, maxBackoffMs: 60_000, leaseMs: 60_000, pollMs: 5_000 } },
      },
    });
    digests = t.app.get(DigestService);
    dispatcher = t.app.get(OutboxDispatcher);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.stop().catch(() => undefined);
  });

  it('keeps the digest while SMTP is down and mails it once, charts included, when SMTP is back', async () => {
    expect(await digests.sendDue()).toEqual([{ status: 'sent', day: DAY, recipients: RECIPIENTS }]);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 1, dead: 0, deferred: 0 });
    clock.advance(60_000);
    expect(await digests.sendDue()).toEqual([{ status: 'already_sent', day: DAY }]);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 1, dead: 0, deferred: 0 });

    await smtp.start();
    clock.advance(60_000);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, dead: 0, deferred: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe(`goldenhour daily digest: Acme Foods, ${DAY}`);
    expect(mail!.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(2);

    clock.advance(3_600_000);
    expect(await digests.sendDue()).toEqual([{ status: 'already_sent', day: DAY }]);
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, dead: 0, deferred: 0 });
    expect(smtp.mails).toHaveLength(1);
  });

  it('sends a digest composed again (a crash before its day was recorded) only once', async () => {
    await t.connection.db!.collection('digest_runs').deleteMany({});
    expect(await digests.sendDigest({ brand: 'acme', to: RECIPIENTS, lang: 'en' })).toEqual({ status: 'sent', day: DAY, recipients: RECIPIENTS });
    expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, dead: 0, deferred: 0 });
    expect(smtp.mails).toHaveLength(1);
  });
});
