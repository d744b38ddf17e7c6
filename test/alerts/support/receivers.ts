/** Real receivers on 127.0.0.1 for alert tests: an SMTP server (smtp-server) and a webhook endpoint. */
import { simpleParser, type ParsedMail } from 'mailparser';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpReceiver {
  port: number;
  mails: ParsedMail[];
  /** Resolves when `n` mails have arrived (or rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<ParsedMail[]>;
  /**
   * Stops answering as SMTP. The port stays held by a listener that closes every connection at once, so a
   * sender fails at once and no other test's server can take the port while it is down (a sender that met an
   * unrelated server there waited for a greeting until its test timed out). The listener does not keep the
   * process alive.
   */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Holds every mail it receives unanswered until `resume()` (the sender waits for the answer meanwhile). */
  pause(): void;
  resume(): void;
  /** Mails received and held unanswered by `pause()`. */
  readonly held: number;
}

/** An in-process SMTP server that parses every mail it accepts. `port` 0 picks a free one. */
export async function startSmtp(port = 0): Promise<SmtpReceiver> {
  const mails: ParsedMail[] = [];
  const waiters: (() => void)[] = [];
  let server: SMTPServer;
  let paused: { until: Promise<void>; resume: () => void } | undefined;
  let held = 0;
  const gone = new Set<string>();
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, done) {
        simpleParser(stream)
          .then(async (mail) => {
            if (paused) {
              held++;
              await paused.until;
              held--;
            }
            // Its sender went away before the answer, so it never learnt the mail was taken: not delivered, as by a real server.
            if (gone.has(session.id)) return done(new Error('the client left before the answer'));
            mails.push(mail);
            waiters.forEach((w) => w());
            done();
          })
          .catch(done);
      },
      onClose(session) {
        gone.add(session.id);
      },
    });
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server = make();
      server.server.once('error', reject);
      server.listen(p, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
  const actual = await listen(port);
  let refuser: Server | undefined;
  return {
    port: actual,
    mails,
    waitFor: (n, ms = 10_000) =>
      new Promise((resolve, reject) => {
        if (mails.length >= n) return resolve(mails);
        const timer = setTimeout(() => reject(new Error(`expected ${n} mails, got ${mails.length} within ${ms} ms`)), ms);
        waiters.push(() => {
          if (mails.length < n) return;
          clearTimeout(timer);
          resolve(mails);
        });
      }),
    stop: async () => {
      if (refuser) return;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      refuser = await refuseOn(actual);
    },
    start: async () => {
      if (refuser) await new Promise<void>((resolve) => refuser!.close(() => resolve()));
      refuser = undefined;
      await listen(actual);
    },
    pause: () => {
      let resume = () => undefined as void;
      paused ??= { until: new Promise<void>((r) => (resume = r)), resume: () => resume() };
    },
    resume: () => {
      paused?.resume();
      paused = undefined;
    },
    get held() {
      return held;
    },
  };
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: unknown;
}

/** A webhook endpoint answering `status` (200 by default) with `reply` and recording every request. */
export async function startWebhookReceiver(reply: unknown = { errcode: 0, errmsg: 'ok' }): Promise<{ url: string; requests: ReceivedRequest[]; close(): Promise<void> }> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({ path: req.url ?? '/', headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

/** Holds a port, closing every connection at once: a server that is down but whose port nobody else may take. */
function refuseOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createTcpServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server.unref()));
  });
}
