import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, mongo } from 'mongoose';
import { REMOVED_ON_REQUEST, redactText } from '../core/privacy/evidence.js';
import type { HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../core/privacy/holder.js';
import type { RetentionCutoffs } from '../core/privacy/retention.js';

type OutboxRow = mongo.Document & { _id: unknown; subject?: string; text?: string; html?: string; payload?: unknown };

/**
 * Copies of mention text in notification bodies (the outbox: mail text and HTML, webhook payloads). A
 * sent notification's body is removed after `outboxSentDays`; the row stays (it is what makes a send
 * happen once).
 */
@Injectable()
export class NotificationsPersonalData implements PersonalDataHolder {
  readonly name = 'notifications';
  private readonly outbox: mongo.Collection<OutboxRow>;

  constructor(@InjectModel('Outbox') outbox: Model<unknown>) {
    this.outbox = outbox.collection as never;
  }

  async find(s: SubjectMentions): Promise<HeldCopy[]> {
    // What a notification says about the person, not the whole body (it quotes other people too).
    return (await this.notificationsOf(s)).map((row) => ({ kind: 'notification' as const, where: `outbox/${String(row._id)}`, data: { subject: row.subject, quotes: quotesIn(`${row.text ?? ''}\n${row.html ?? ''}\n${JSON.stringify(row.payload ?? null)}`, s.needles) } }));
  }

  async erase(s: SubjectMentions): Promise<void> {
    for (const row of await this.notificationsOf(s)) {
      const set: Record<string, unknown> = {};
      for (const field of ['text', 'html'] as const) if (row[field]) set[field] = redactText(row[field], s.needles, REMOVED_ON_REQUEST).text;
      if (row.payload !== undefined) set.payload = redactLeaves(row.payload, s.needles);
      await this.outbox.updateOne({ _id: row._id as never }, { $set: set });
    }
  }

  async purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts> {
    let notification = 0;
    for (;;) {
      const rows = await this.outbox.find({ state: 'sent', sentAt: { $lt: c.outboxSentBefore }, bodyRemovedAt: { $exists: false } }, { projection: { _id: 1 } }).limit(batch).toArray();
      for (const row of rows) await this.outbox.updateOne({ _id: row._id as never }, { $unset: { text: '', html: '', payload: '', attachments: '' }, $set: { bodyRemovedAt: c.outboxSentBefore } });
      notification += rows.length;
      if (rows.length < batch) break;
      await pause();
    }
    return { notification };
  }

  /** Outbox rows whose body still quotes one of the subject's mentions (bodies already removed are skipped). */
  private async notificationsOf(s: SubjectMentions): Promise<OutboxRow[]> {
    if (!s.needles.length) return [];
    const rows = await this.outbox.find({ bodyRemovedAt: { $exists: false } }, { projection: { subject: 1, text: 1, html: 1, payload: 1 } }).toArray();
    return rows.filter((r) => redactText(`${r.text ?? ''}\n${r.html ?? ''}`, s.needles, '').changed || JSON.stringify(redactLeaves(r.payload ?? null, s.needles)) !== JSON.stringify(r.payload ?? null));
  }
}

/** The needles a body holds, without those inside a longer one that it also holds. */
function quotesIn(body: string, needles: readonly string[]): string[] {
  const found = needles.filter((n) => body.includes(n));
  return found.filter((n) => !found.some((m) => m !== n && m.includes(n)));
}

/** A webhook payload with every string in it redacted (walking the value keeps the JSON valid). */
function redactLeaves(v: unknown, needles: readonly string[]): unknown {
  if (typeof v === 'string') return redactText(v, needles, REMOVED_ON_REQUEST).text;
  if (Array.isArray(v)) return v.map((x) => redactLeaves(x, needles));
  if (v && typeof v === 'object' && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactLeaves(x, needles)]));
  return v;
}
