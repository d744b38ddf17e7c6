/** Outbox rows: a notification to one destination on one channel, as written before sending. */
import type { ChannelKind } from '../core/rules/alert.js';

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'dead'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** What a caller enqueues: an email (subject, text, html) or a webhook (payload). */
export interface NewOutboxItem {
  channel: ChannelKind;
  /** E-mail address or webhook URL. */
  to: string;
  subject?: string;
  text?: string;
  html?: string;
  /** The JSON body of a webhook. */
  payload?: unknown;
  /** Receivers drop repeats by it; a second enqueue with the same key is a no-op. */
  idempotencyKey: string;
  alertId?: string;
  incidentId?: string;
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
