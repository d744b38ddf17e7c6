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

/** Daemons whose heartbeat is younger than one lease time (they beat every third of it). */
export function liveDaemons(seen: readonly { seenAt: Date }[], now: Date, ttlMs: number): number {
  return seen.filter((d) => now.getTime() - d.seenAt.getTime() < ttlMs).length;
}

/** Whether a free unit may be taken: room left under the share, its lease ran out, or it was given back half a lease ago. */
export function mayTakeUnit(room: number, freed: Freed, now: Date, ttlMs: number): boolean {
  if (room > 0) return true;
  if (!freed.since) return false;
  return !freed.givenBack || now.getTime() - freed.since.getTime() >= ttlMs / 2;
}
