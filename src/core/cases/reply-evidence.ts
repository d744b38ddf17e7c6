import { repliesTo } from '../incidents/official-response.js';
import { markReplied } from './case-actions.js';
import type { Case } from './case.js';
import { caseIdOf } from './open-case.js';

/**
 * A public reply seen in the data rather than reported by a responder: the brand's official account
 * replying in the complaint's thread, or the merchant's reply a marketplace shows under a review. Either
 * marks the case replied at the reply's time, with its link, as a responder's "replied" would.
 */
export interface ReplyEvidence {
  /** Who replied: `official:<account>` or `merchant`. */
  by: string;
  at: Date;
  url: string;
}

/** A captured post as evidence needs it. */
export interface EvidencePost {
  id: string;
  platform: string;
  url?: string;
  publishedAt: Date;
  extra?: Record<string, unknown>;
}

/** The cases an official account's post answers: those opened by the posts it replies to (its reply fields). */
export function casesAnsweredBy(post: Pick<EvidencePost, 'platform' | 'extra'>): string[] {
  return repliesTo(post).map(caseIdOf);
}

/** The evidence an official account's post gives, at its publication time and with its link. */
export function officialReply(post: EvidencePost, account: string): ReplyEvidence {
  return { by: `official:${account}`, at: post.publishedAt, url: post.url ?? `mention:${post.id}` };
}

/**
 * The merchant's reply a review carries, as recipes capture it: `merchantReply` (its text, or an object
 * with `text`, `at`, `url`), `merchantReplyAt` and `merchantReplyUrl`. Without a time the reply counts from
 * `seenAt` (when goldenhour first saw it); without a link the review's own link stands for it.
 */
export function merchantReply(post: EvidencePost, seenAt: Date): ReplyEvidence | null {
  const raw = post.extra?.merchantReply;
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const text = typeof raw === 'string' ? raw : obj.text;
  if (typeof text !== 'string' || !text.trim()) return null;
  const at = new Date(String(obj.at ?? post.extra?.merchantReplyAt ?? ''));
  const url = obj.url ?? post.extra?.merchantReplyUrl ?? post.url;
  return { by: 'merchant', at: Number.isNaN(at.getTime()) ? seenAt : at, url: typeof url === 'string' && url ? url : `mention:${post.id}` };
}

/** The case with the evidence recorded as its first reply; unchanged when it is resolved or has one already. */
export function repliedFromEvidence(c: Case, e: ReplyEvidence): Case {
  if (c.state === 'resolved' || c.firstRepliedAt) return c;
  return markReplied(c, e.url, e.by, e.at);
}
