import { Injectable } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../platform/config/app-config.js';

export interface DigestMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  images: { cid: string; filename: string; png: Buffer }[];
}

/** Sends digests over the configured SMTP server (nodemailer); charts travel as inline CID attachments. */
@Injectable()
export class DigestMailer {
  private transport?: { key: string; t: Transporter };

  constructor(private readonly config: AppConfig) {}

  async send(mail: DigestMail): Promise<void> {
    const smtp = this.config.smtp;
    if (!smtp) throw new Error('no smtp section in goldenhour.yaml: add smtp.host and smtp.port to send the daily digest');
    const key = `${smtp.host}:${smtp.port}`;
    if (this.transport?.key !== key) {
      this.transport = {
        key,
        t: nodemailer.createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
          connectionTimeout: 10_000,
          tls: { rejectUnauthorized: smtp.host !== '127.0.0.1' },
        }),
      };
    }
    await this.transport.t.sendMail({
      from: smtp.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.images.map((i) => ({ cid: i.cid, filename: i.filename, content: i.png, contentType: 'image/png', contentDisposition: 'inline' })),
    });
  }
}
