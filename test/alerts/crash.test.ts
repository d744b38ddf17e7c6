// The child daemon runs the build in dist/ (npm test builds it first).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { OutboxDispatcher } from '../../src/notifications/outbox.dispatcher.js';
import { OutboxService } from '../../src/notifications/outbox.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtp, type SmtpReceiver } from './support/receivers.js';

/** An SMTP server that takes the message and never answers: the sender is stuck mid-send. */
async function blackHoleSmtp(): Promise<{ port: number; dataStarted: Promise<void>; close(): Promise<void> }> {
  let started!: () => void;
  const dataStarted = new Promise<void>((r) => (started = r));
  const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, onData: (stream) => (stream.resume(), started()) });
  server.on('error', () => undefined); // the killed sender resets its connection: expected here
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.server.address() as AddressInfo).port, dataStarted, close: () => new Promise((r) => server.close(() => r())) };
}

describe('a daemon killed between claiming a mail and sending it', () => {
  const dbName = `t_alerts_crash_${randomBytes(3).toString('hex')}`;
  let smtp: SmtpReceiver;
  let t: TestApp | undefined;

  beforeAll(async () => {
    smtp = await startSmtp();
  });

  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('sends the mail exactly once after a restart', async () => {
    const writer = await startTestApp({ label: 'alerts_crash', config: { dbName }, dropOnClose: false });
    await writer.app.get(OutboxService).enqueue({ channel: 'email', to: 'lin@acme.test', subject: 'survives a crash', text: 'x', idempotencyKey: 'test|killed-mid-send' });
    await writer.close();

    const hole = await blackHoleSmtp();
    const child = spawn(process.execPath, ['test/alerts/support/crash-mid-send.mjs'], {
      env: { ...process.env, GH_MONGODB_URI: process.env.GOLDENHOUR_TEST_MONGODB_URI, GH_DB_NAME: dbName, GH_SMTP_PORT: String(hole.port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    await hole.dataStarted; // the child has claimed the row and is handing the mail over
    child.kill('SIGKILL');
    await once(child, 'exit');
    await hole.close();
    expect(output).toBe('dispatching\n');

    const clock = new ManualClock(new Date(new Date().getTime() + 61_000)); // past the dead process's 60 s lease
    t = await startTestApp({ label: 'alerts_crash', clock, config: { dbName, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'goldenhour <alerts@goldenhour.test>' } } });
    const dispatcher = t.app.get(OutboxDispatcher);
    expect(await t.app.get(OutboxService).list({ state: 'sending', limit: 5 })).toHaveLength(1);
    expect((await dispatcher.dispatchDue()).sent).toBe(1);
    expect((await dispatcher.dispatchDue()).sent).toBe(0);
    await smtp.waitFor(1);
    expect(smtp.mails.map((m) => m.subject)).toEqual(['survives a crash']);
  });
});
