/** Outbox rows: a notification to one destination on one channel, as written before sending. */
import type { ChannelKind } from '../core/rules/alert.js';

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'dead'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** What a caller enqueues: an email (subject, text, html) or a webhook (payload). */
export interface NewOutboxItem {
  channel: ChannelKind;
  /** E-mail address(es, comma-separated: one mail to all of them) or webhook URL. */
  to: string;
  subject?: string;
  text?: string;
  html?: string;
  /** The JSON body of a webhook. */
  payload?: unknown;
  /** Files of an e-mail (the digest's charts, shown inline where the HTML names `cid:<cid>`). */
  attachments?: MailAttachment[];
  /** Receivers drop repeats by it; a second enqueue with the same key is a no-op. */
  idempotencyKey: string;
  alertId?: string;
  incidentId?: string;
}

/** Stored as base64 text so the row reads back the same from MongoDB and FerretDB. */
export interface MailAttachment {
  cid: string;
  filename: string;
  contentType: string;
  base64: string;
}

export interface OutboxItem extends NewOutboxItem {
  id: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  leaseOwner?: string;
  leaseUntil?: Date;
  lastError?: string;
  createdAt: Date;
  sentAt?: Date;
}
