import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as the demo's /demo/mail page shows it. */
export interface CaughtMail {
  /** 1, 2, 3… in arrival order. */
  id: number;
  receivedAt: Date;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments: { filename?: string; contentType: string; cid?: string; size: number; content: Buffer }[];
}

/**
 * An SMTP server on 127.0.0.1 that keeps every mail it is sent (the newest 200), so the demo can show
 * alert and digest emails without a real mail server. Nothing is relayed anywhere.
 */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  private server?: SMTPServer;
  private listeners: ((m: CaughtMail) => void)[] = [];
  port = 0;
  private seq = 0;

  /** `now` stamps arrivals (the app clock, so a replayed demo shows simulated times). */
  constructor(private readonly now: () => Date) {}

  async start(port = 0): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 20 * 1024 * 1024,
      onData: (stream, _session, done) => {
        simpleParser(stream, { keepCidLinks: true })
          .then((mail) => {
            this.keep(mail);
            done();
          })
          .catch(done);
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.server.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Resolves with the first mail (already caught or still to come) that `match` accepts. */
  waitFor(match: (m: CaughtMail) => boolean, ms = 10_000): Promise<CaughtMail> {
    const hit = this.mails.find(match);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`no matching mail within ${ms} ms (${this.mails.length} caught)`));
      }, ms);
      const listener = (m: CaughtMail) => {
        if (!match(m)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(m);
      };
      this.listeners.push(listener);
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private keep(mail: ParsedMail): void {
    const addr = (a: ParsedMail['to']) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? ''));
    const caught: CaughtMail = {
      id: ++this.seq,
      receivedAt: this.now(),
      from: mail.from?.text ?? '',
      to: addr(mail.to),
      subject: mail.subject ?? '(no subject)',
      text: mail.text ?? '',
      html: typeof mail.html === 'string' ? mail.html : undefined,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, cid: a.cid, size: a.size, content: a.content })),
    };
    this.mails.unshift(caught);
    this.mails.splice(200);
    for (const l of [...this.listeners]) l(caught);
  }
}
