/**
 * Load spreading between daemons on one database. A daemon takes scheduled units only while it holds
 * fewer than its fair share (an even split among the live daemons, rounded up), and gives one back per
 * tick while it holds more, so the first daemon to start does not keep every lease. A unit whose lease ran
 * out is taken by anyone at once: its holder died or starved, and waiting for the heartbeat of a dead daemon
 * to age out of the count (up to a lease time and a beat) would leave the unit unrun that long. A unit given
 * back is meant for a daemon under its share; anyone takes it after half a lease.
 */
import type { Freed } from '../leases/lease.js';


/** Units one of `live` daemons should hold out of `units`. */
export function fairShare(units: number, live: number): number {
  return Math.ceil(units / Math.max(1, live));
}

/**
 * Daemons whose heartbeat is younger than one lease time (they beat every third of it). A daemon whose lease ran
 * out and was taken from it (`lapsed`: its id → when) is not counted until it beats again after that: it died or
 * stalled, and counting it would make the taker give a unit back at once, only for it to wait for a new holder.
 */
export function liveDaemons(seen: readonly { id: string; seenAt: Date }[], now: Date, ttlMs: number, lapsed: ReadonlyMap<string, Date> = new Map()): number {
  return seen.filter((d) => now.getTime() - d.seenAt.getTime() < ttlMs && d.seenAt.getTime() > (lapsed.get(d.id)?.getTime() ?? -Infinity)).length;
}

/** Whether a free unit may be taken: room left under the share, its lease ran out, or it was given back half a lease ago. */
export function mayTakeUnit(room: number, freed: Freed, now: Date, ttlMs: number): boolean {
  if (room > 0) return true;
  if (!freed.since) return false;
  return !freed.givenBack || now.getTime() - freed.since.getTime() >= ttlMs / 2;
}
