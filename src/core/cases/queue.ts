import { nextDeadline, type CaseDeadline } from './case-clock.js';
import type { Case } from './case.js';

/** One row of the reply queue: what the list shows and sorts and filters by, without the case's history. */
export interface QueueEntry extends Pick<Case, '_id' | 'brand' | 'platform' | 'team' | 'owner' | 'state' | 'reach' | 'aspects' | 'reasons' | 'url' | 'openedAt'> {
  deadline: CaseDeadline;
  dueAt: Date;
  /** Waiting for the customer: the clock is stopped and the entry sorts after every running clock. */
  waiting?: true;
  author?: string;
  snippet: string;
  mentions: number;
}

export interface QueueFilter {
  brand?: string;
  platform?: string;
  team?: string;
  owner?: string;
  aspect?: string;
}

const SNIPPET = 160;

/** The queue row of an open case (null when it is resolved and leaves the queue). */
export function queueEntryOf(c: Case): QueueEntry | null {
  const next = nextDeadline(c.clock, c);
  if (!next) return null;
  const text = c.title ? `${c.title} — ${c.text}` : c.text;
  return {
    _id: c._id,
    brand: c.brand,
    platform: c.platform,
    team: c.team,
    ...(c.owner ? { owner: c.owner } : {}),
    state: c.state,
    deadline: next.kind,
    dueAt: next.at,
    ...(c.clock.pausedAt ? { waiting: true as const } : {}),
    reach: c.reach,
    ...(c.aspects?.length ? { aspects: c.aspects } : {}),
    reasons: c.reasons,
    ...(c.author.name ? { author: c.author.name } : {}),
    snippet: text.length > SNIPPET ? `${text.slice(0, SNIPPET - 1)}…` : text,
    ...(c.url ? { url: c.url } : {}),
    mentions: c.mentions.length,
    openedAt: c.openedAt,
  };
}

/** Queue order: earliest due first, then the widest reach, then the oldest case. */
export function compareQueue(a: QueueEntry, b: QueueEntry): number {
  const waiting = Number(!!a.waiting) - Number(!!b.waiting);
  return waiting || a.dueAt.getTime() - b.dueAt.getTime() || b.reach - a.reach || a.openedAt.getTime() - b.openedAt.getTime() || a._id.localeCompare(b._id);
}

export function matchesQueue(e: QueueEntry, f: QueueFilter): boolean {
  return (!f.brand || e.brand === f.brand) && (!f.platform || e.platform === f.platform) && (!f.team || e.team === f.team) && (!f.owner || e.owner === f.owner) && (!f.aspect || !!e.aspects?.includes(f.aspect));
}

