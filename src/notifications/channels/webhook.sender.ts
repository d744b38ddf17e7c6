import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from '../../core/notifications/webhook-signature.js';
import type { ChannelKind } from '../../core/rules/alert.js';
import { Clock } from '../../platform/clock.js';
import { AppConfig } from '../../platform/config/app-config.js';
import type { OutboxItem } from '../outbox.js';
import type { ChannelSender } from './channel-sender.js';

/** Bots answer HTTP 200 with an error code in the body; a non-zero code is a failed send. */
function botError(kind: ChannelKind, text: string): string | undefined {
  if (kind === 'slack' || kind === 'webhook') return undefined;
  try {
    const body = JSON.parse(text) as { errcode?: number; errmsg?: string; code?: number; msg?: string; StatusCode?: number };
    const code = body.errcode ?? body.code ?? body.StatusCode ?? 0;
    return code === 0 ? undefined : `${kind} bot answered code ${code}: ${body.errmsg ?? body.msg ?? text.slice(0, 200)}`;
  } catch {
    return undefined;
  }
}

/** Webhooks: POST the stored JSON, signed the way each receiver expects when the team channel has a secret. */
@Injectable()
export class WebhookSender implements ChannelSender {
  readonly kinds = ['slack', 'feishu', 'dingtalk', 'wecom', 'webhook'] as const;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Secrets stay in configuration, never in the outbox: looked up by channel and URL at send time. */
  private secretFor(kind: ChannelKind, url: string): string | undefined {
    const crm = kind === 'webhook' && this.config.crm?.url === url ? this.config.crm.secret : undefined;
    return crm ?? this.config.teams.flatMap((t) => t.channels).find((c) => c.type === kind && c.to === url)?.secret;
  }

  async send(item: OutboxItem): Promise<void> {
    const secret = this.secretFor(item.channel, item.to);
    const nowMs = this.clock.now().getTime();
    let url = item.to;
    let payload = item.payload;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': item.idempotencyKey };
    if (secret && item.channel === 'feishu') {
      // Feishu/Lark: sign = base64(HMAC-SHA256 keyed by "timestamp\nsecret" over nothing), seconds.
      const timestamp = String(Math.floor(nowMs / 1000));
      payload = { timestamp, sign: createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64'), ...(payload as object) };
    }
    if (secret && item.channel === 'dingtalk') {
      // DingTalk: sign = base64(HMAC-SHA256 keyed by secret over "timestamp\nsecret"), milliseconds, in the query.
      const timestamp = String(nowMs);
      const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
      const u = new URL(url);
      u.searchParams.set('timestamp', timestamp);
      u.searchParams.set('sign', sign);
      url = u.toString();
    }
    const body = JSON.stringify(payload ?? {});
    if (item.channel === 'webhook' && secret) {
      const timestamp = String(Math.floor(nowMs / 1000));
      headers[TIMESTAMP_HEADER] = timestamp;
      headers[SIGNATURE_HEADER] = signWebhook(secret, timestamp, body);
    }
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${item.channel} webhook answered HTTP ${res.status}: ${text.slice(0, 200)}`);
    const err = botError(item.channel, text);
    if (err) throw new Error(err);
  }
}
