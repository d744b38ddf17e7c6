import { nextDeadline, type CaseDeadline } from './case-clock.js';
import type { Case, CaseState } from './case.js';
import type { CaseReason } from './triage.js';

/** One row of the reply queue: what the list shows and sorts and filters by, without the case's history. */
export interface QueueEntry {
  _id: string;
  brand: string;
  platform: string;
  team: string;
  owner?: string;
  state: CaseState;
  deadline: CaseDeadline;
  dueAt: Date;
  /** The partition the entry lives in (see queueSlot). */
  slot: string;
  reach: number;
  reasons: CaseReason[];
  author?: string;
  snippet: string;
  url?: string;
  mentions: number;
  openedAt: Date;
}

export interface QueueFilter {
  brand?: string;
  platform?: string;
  team?: string;
  owner?: string;
}

// Small enough that one slot of a 100,000-case queue reads quickly, large enough that a day is ~144 slots.
export const SLOT_MINUTES = 10;
/** Cases waiting for the customer sort after every running clock. */
export const WAITING_SLOT = 'waiting';

/** The queue partition of a due time: its UTC minute rounded down to the slot, "YYYYMMDDHHmm". */
export function queueSlot(dueAt: Date): string {
  const t = new Date(Math.floor(dueAt.getTime() / (SLOT_MINUTES * 60_000)) * SLOT_MINUTES * 60_000);
  return t.toISOString().slice(0, 16).replace(/[-T:]/g, '');
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
    slot: c.clock.pausedAt ? WAITING_SLOT : queueSlot(next.at),
    reach: c.reach,
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
  const waiting = Number(a.slot === WAITING_SLOT) - Number(b.slot === WAITING_SLOT);
  return waiting || a.dueAt.getTime() - b.dueAt.getTime() || b.reach - a.reach || a.openedAt.getTime() - b.openedAt.getTime() || a._id.localeCompare(b._id);
}

export function matchesQueue(e: QueueEntry, f: QueueFilter): boolean {
  return (!f.brand || e.brand === f.brand) && (!f.platform || e.platform === f.platform) && (!f.team || e.team === f.team) && (!f.owner || e.owner === f.owner);
}

/** Slots in queue order: due slots oldest first, the waiting slot last. */
export function orderSlots(slots: readonly string[]): string[] {
  return [...slots].sort((a, b) => (a === WAITING_SLOT ? 1 : b === WAITING_SLOT ? -1 : a.localeCompare(b)));
}
