/**
 * Leases: who runs a scheduled unit (a scope) across several daemons on one database. Each take-over
 * starts a new epoch, won by inserting the document `(scope, epoch)` under a unique `_id` — the one write
 * that MongoDB and FerretDB both refuse to the loser. The epoch is the fencing token: a holder acts only
 * while its epoch is the current one and its own view of the expiry has not passed.
 */

/** The current state of a scope's lease, as the small head document keeps it. */
export interface LeaseHead {
  scope: string;
  owner: string;
  epoch: number;
  /** When this owner took the lease (renewals keep it). */
  since: Date;
  expiresAt: Date;
  /** Its holder gave it back (a graceful stop, load spreading) rather than letting it run out. */
  givenBack?: boolean;
}

/**
 * How a free lease became free, as load spreading weighs it: since when, and whether its holder gave it back
 * (it meant another daemon to take it) or let it run out (it died or starved: nobody runs the unit).
 */
export interface Freed {
  /** Undefined for a scope nobody ever held. */
  since?: Date;
  givenBack: boolean;
}

/** What load spreading is told about a lease a claimant found free (see Freed). */
export function freedOf(head: LeaseHead | undefined): Freed {
  return head ? { since: head.expiresAt, givenBack: !!head.givenBack } : { givenBack: false };
}

/** A lease this process holds: its fencing token and how long it may act on it. */
export interface Hold {
  scope: string;
  owner: string;
  epoch: number;
  since: Date;
  /** Last moment this holder may act, measured from when it *asked* (a slow answer shortens it, never lengthens it). */
  validUntil: Date;
  /** The previous owner when this hold began with a take-over from another daemon. */
  tookOverFrom?: string;
}

export type LeaseDecision =
  | { kind: 'renew'; epoch: number }
  | { kind: 'take'; epoch: number; from?: string }
  | { kind: 'busy'; owner: string; until: Date };

/** What `owner` may do about a scope at `now`, given the head it read (none: never taken). */
export function decide(head: LeaseHead | undefined, owner: string, now: Date): LeaseDecision {
  if (!head) return { kind: 'take', epoch: 1 };
  const live = head.expiresAt.getTime() > now.getTime();
  if (live && head.owner === owner) return { kind: 'renew', epoch: head.epoch };
  if (live) return { kind: 'busy', owner: head.owner, until: head.expiresAt };
  return { kind: 'take', epoch: head.epoch + 1, ...(head.owner !== owner ? { from: head.owner } : {}) };
}

/**
 * After losing the insert of `epoch`: the epoch's winner may have died before writing the head (the head
 * then still names the epoch before). Its epoch document says until when it may hold; past that, the next
 * epoch is free to try. Returns the epoch to try next, or undefined while the winner may still hold it.
 */
export function epochAfterLoss(winner: { epoch: number; expiresAt: Date } | undefined, now: Date): number | undefined {
  if (!winner || winner.expiresAt.getTime() > now.getTime()) return undefined;
  return winner.epoch + 1;
}

/** The validity of a hold granted by a write sent at `askedAt`: the database's expiry is never later. */
export function validUntil(askedAt: Date, ttlMs: number): Date {
  return new Date(askedAt.getTime() + ttlMs);
}

/**
 * A holder renews once a third of its time is gone, so a renewal that fails, or a process that gets no CPU
 * for a while (a busy host), still leaves two thirds of the lease to renew in before another daemon may take it.
 */
export function renewDue(hold: Hold, ttlMs: number, now: Date): boolean {
  return hold.validUntil.getTime() - now.getTime() <= (ttlMs * 2) / 3;
}

/** Fencing, from the holder's side: it may act while its own view of the lease has not run out. */
export function mayAct(hold: Hold, now: Date): boolean {
  return now.getTime() < hold.validUntil.getTime();
}

/** Fencing, from the database's side: the head still names this holder's epoch, unexpired. */
export function isCurrent(head: LeaseHead | undefined, hold: Hold, now: Date): boolean {
  return !!head && head.epoch === hold.epoch && head.owner === hold.owner && head.expiresAt.getTime() > now.getTime();
}

/** Epoch documents older than this many epochs are deleted when a new epoch is won, keeping the collection bounded. */
export const EPOCHS_KEPT = 3;

/**
 * Whether a renewal took: the head read back after the extending write still names this hold, and the
 * round trip ended before the old validity ran out — so no taker can have seen the lease expired meanwhile
 * (updates with conditions are not atomic on FerretDB; the read-back and the deadline make up for it).
 */
export function renewalHeld(hold: Hold, headAfter: LeaseHead | undefined, doneAt: Date): boolean {
  return !!headAfter && headAfter.epoch === hold.epoch && headAfter.owner === hold.owner && mayAct(hold, doneAt);
}
