/**
 * Load spreading between daemons on one database. A daemon takes scheduled units only while it holds
 * fewer than its fair share (an even split among the live daemons, rounded up), and gives one back per
 * tick while it holds more, so the first daemon to start does not keep every lease. A unit left free for
 * half a lease time is taken by anyone, so work never waits long on the heartbeat of a daemon that died
 * (it counts as live until that heartbeat is a lease time old).
 */

/** Units one of `live` daemons should hold out of `units`. */
export function fairShare(units: number, live: number): number {
  return Math.ceil(units / Math.max(1, live));
}

/** Daemons whose heartbeat is younger than one lease time (they beat every third of it). */
export function liveDaemons(seen: readonly { seenAt: Date }[], now: Date, ttlMs: number): number {
  return seen.filter((d) => now.getTime() - d.seenAt.getTime() < ttlMs).length;
}

/** Whether a free unit may be taken: room left under the share, or the unit has been free for half a lease. */
export function mayTakeUnit(room: number, freeSince: Date | undefined, now: Date, ttlMs: number): boolean {
  if (room > 0) return true;
  return freeSince !== undefined && now.getTime() - freeSince.getTime() >= ttlMs / 2;
}
