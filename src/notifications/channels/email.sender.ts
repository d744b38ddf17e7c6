import { Injectable } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../../platform/config/app-config.js';
import type { OutboxItem } from '../outbox.js';
import type { ChannelSender } from './channel-sender.js';

/** Email over SMTP with nodemailer; the idempotency key becomes the Message-ID so receivers can drop repeats. */
@Injectable()
export class EmailSender implements ChannelSender {
  readonly kinds = ['email'] as const;
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {}

  private transporter(): Transporter {
    const smtp = this.config.smtp;
    if (!smtp) throw new Error('no smtp section in goldenhour.yaml: add smtp.host and smtp.port to send email');
    this.transport ??= nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      tls: { rejectUnauthorized: smtp.host !== '127.0.0.1' },
    });
    return this.transport;
  }

  async send(item: OutboxItem): Promise<void> {
    const domain = (this.config.smtp?.from.match(/@([^>\s]+)/)?.[1] ?? 'goldenhour.local').toLowerCase();
    await this.transporter().sendMail({
      from: this.config.smtp?.from,
      to: item.to,
      subject: item.subject ?? '(goldenhour notification)',
      text: item.text,
      html: item.html,
      messageId: `<${encodeURIComponent(item.idempotencyKey)}@${domain}>`,
      headers: { 'X-Goldenhour-Idempotency-Key': item.idempotencyKey },
      attachments: item.attachments?.map((a) => ({ cid: a.cid, filename: a.filename, content: Buffer.from(a.base64, 'base64'), contentType: a.contentType, contentDisposition: 'inline' as const })),
    });
  }
}
