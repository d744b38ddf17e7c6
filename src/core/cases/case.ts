import type { CaseClock } from './case-clock.js';
import type { CaseReason } from './triage.js';

export const CASE_STATES = ['open', 'replied', 'waiting', 'resolved'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** One mention of the case: the first, then the author's follow-ups in the thread. */
export interface CaseMention {
  id: string;
  url?: string;
  text: string;
  at: Date;
}

export interface CaseEvent {
  at: Date;
  by: string;
  action: 'opened' | 'follow-up' | 'claim' | 'assign' | 'replied' | 'wait' | 'resolve' | 'reopen' | 'crm';
  detail?: string;
}

/** A single complaint that needs a reply, from the first mention to resolution. */
export interface Case {
  _id: string;
  brand: string;
  platform: string;
  team: string;
  owner?: string;
  state: CaseState;
  /** Brand, platform, thread and author: a follow-up with the same key joins the open case. */
  threadKey: string;
  author: { name?: string; hash?: string; followers?: number };
  /** Followers, else views: how many people may see the complaint. */
  reach: number;
  reasons: CaseReason[];
  title?: string;
  text: string;
  url?: string;
  lang?: string;
  sentiment: { score: number; label: string };
  rating?: number;
  crisisTerms: string[];
  keywords: string[];
  /** What the complaint is about (aspect ids), found in its text when the case opened. */
  aspects?: string[];
  mentions: CaseMention[];
  clock: CaseClock;
  /** Step ids that fired (reminders, escalations, breaches). */
  fired: string[];
  openedAt: Date;
  firstRepliedAt?: Date;
  replyUrl?: string;
  resolvedAt?: Date;
  /** Bumped by every change, so each change is sent to the CRM once. */
  version: number;
  history: CaseEvent[];
  /** The queue partitions the case's entry was placed in (none once resolved). */
  queued?: Placement[];
}

/** A case's entry in one key's queue (core/cases/queue-partitions.ts places them). */
export interface Placement {
  key: string;
  part: string;
}

// A case is read whole on every action: keep what can grow bounded.
export const MAX_CASE_MENTIONS = 50;
export const MAX_CASE_HISTORY = 200;

/** Appends an event and bumps the version; the oldest events go first when the history is full. */
export function recorded(c: Case, e: CaseEvent): Case {
  return { ...c, version: c.version + 1, history: [...c.history, e].slice(-MAX_CASE_HISTORY) };
}
