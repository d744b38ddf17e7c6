import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../platform/auth/roles.decorator.js';
import { DemoMailbox } from './demo-mailbox.js';
import type { CaughtMail } from './mail-catcher.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Characters of a line as wide as a Latin letter: a CJK character takes two. */
const width = (line: string) => [...line].reduce((w, c) => w + (/[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(c) ? 2 : 1), 0);

/**
 * A frame tall enough for the whole mail, since the page runs no script to measure it: the mail's text
 * lines (wrapped at about 100 characters, as the frame is wide) and the heights of its images.
 */
export function frameHeight(m: Pick<CaughtMail, 'text' | 'html'>): number {
  const lines = m.text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(width(l) / 100)), 0);
  const images = [...(m.html ?? '').matchAll(/<img[^>]*\sheight="(\d+)"/g)].reduce((n, x) => n + Number(x[1]), 0);
  return Math.min(6000, 100 + 18 * lines + images);
}

/**
 * The demo's inbox: every mail the daemon sent (alerts, escalations, digests), caught by the local mail
 * catcher. Public like the rest of the demo, and only there in demo mode.
 */
@ApiExcludeController()
@Controller('demo/mail')
export class DemoMailController {
  constructor(private readonly mailbox: DemoMailbox) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    const mails = this.mails();
    const items = mails.map((m) => {
      const body = m.html
        ? `<iframe title="${esc(m.subject)}" height="${frameHeight(m)}" sandbox="allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox" srcdoc="${esc(m.html.replace(/cid:([^"'\s)]+)/g, (_, cid: string) => `/demo/mail/${m.id}/cid/${encodeURIComponent(cid)}`))}"></iframe>`
        : `<pre>${esc(m.text)}</pre>`;
      return `<article><h2>${esc(m.subject)}</h2><p class="meta">${esc(m.receivedAt.toISOString())} · from ${esc(m.from)} · to ${esc(m.to)}${m.attachments.length ? ` · ${m.attachments.length} attachment(s)` : ''}</p>${body}</article>`;
    });
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="10"><title>goldenhour demo mail (${mails.length})</title>
<style>body{font:14px system-ui,sans-serif;margin:0;background:#f4f5f8;color:#1d2330}header{background:#1d2330;color:#f3c14b;padding:10px 16px}main{max-width:900px;margin:0 auto;padding:12px}article{background:#fff;border:1px solid #dde1e8;border-radius:10px;padding:10px 14px;margin-bottom:12px}h2{font-size:16px;margin:0 0 4px}.meta{color:#5a6270;font-size:12px}iframe{width:100%;border:1px solid #eee}pre{white-space:pre-wrap}</style></head>
<body><header><b>◐ goldenhour demo</b> — mail caught on 127.0.0.1 (refreshes every 10 s) · <a style="color:#dfe4ee" href="/#/board">board</a></header><main>${items.join('') || '<p>No mail yet: alerts arrive here once the crisis is detected.</p>'}</main></body></html>`;
  }

  @Get('json')
  @Public()
  list() {
    return this.mails().map(({ attachments, ...m }) => ({ ...m, attachments: attachments.map(({ content: _c, ...a }) => a) }));
  }

  /** An inline image (cid) of a caught mail, so HTML mails show their charts. */
  @Get(':id/cid/:cid')
  @Public()
  attachment(@Param('id') id: string, @Param('cid') cid: string, @Res() res: Response): void {
    const att = this.mails().find((m) => m.id === Number(id))?.attachments.find((a) => a.cid === cid);
    if (!att) throw new NotFoundException(`no attachment ${cid} in mail ${id}`);
    res.type(att.contentType).send(att.content);
  }

  private mails(): CaughtMail[] {
    if (!this.mailbox.catcher) throw new NotFoundException('demo mode is off: this instance sends mail to its configured SMTP server');
    return this.mailbox.catcher.mails;
  }
}
