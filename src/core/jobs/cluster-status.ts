import type { LeaseHead } from '../leases/lease.js';

export interface DaemonSeen {
  id: string;
  host: string;
  pid: number;
  startedAt: Date;
  seenAt: Date;
  url?: string;
}

export interface UnitRecord {
  scope: string;
  job: string;
  unit?: string;
  schedule: string;
  local: boolean;
  lastStartedAt?: Date;
  lastFinishedAt?: Date;
  lastError?: string;
  lagMs?: number;
  nextRunAt?: Date;
}

export interface ClusterStatus {
  at: Date;
  /** `holds`: scheduled units whose live lease names the daemon (load spreading shows here). */
  daemons: (DaemonSeen & { live: boolean; holds: number })[];
  leases: (LeaseHead & { live: boolean })[];
  jobs: (UnitRecord & { holder?: string; heldSince?: Date })[];
}

/**
 * What `goldenhour status` and GET /api/v1/cluster show: daemons (live while their heartbeat is younger
 * than two lease times), the leases of scheduled units and who holds them since when, and each unit's last
 * and next run. Leases of single outbox rows in flight and of on-demand runs are left out unless live.
 */
export function clusterStatus(now: Date, leaseMs: number, daemons: DaemonSeen[], heads: LeaseHead[], units: UnitRecord[]): ClusterStatus {
  const live = (h: LeaseHead) => h.expiresAt.getTime() > now.getTime();
  const byScope = new Map(heads.map((h) => [h.scope, h]));
  const jobs = units.map((u) => {
    const h = byScope.get(u.scope);
    return h && live(h) ? { ...u, holder: h.owner, heldSince: h.since } : u;
  });
  return {
    at: now,
    daemons: daemons
      .map((d) => ({ ...d, live: now.getTime() - d.seenAt.getTime() < 2 * leaseMs, holds: jobs.filter((j) => 'holder' in j && j.holder === d.id).length }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    leases: heads.filter((h) => live(h) || units.some((u) => u.scope === h.scope)).map((h) => ({ ...h, live: live(h) })).sort((a, b) => a.scope.localeCompare(b.scope)),
    jobs,
  };
}

/** The status as lines of text for a terminal. */
export function statusLines(s: ClusterStatus): string[] {
  const t = (d?: Date) => (d ? d.toISOString().replace('.000Z', 'Z') : '-');
  return [
    `daemons (${s.daemons.filter((d) => d.live).length} live):`,
    ...s.daemons.map((d) => `  ${d.live ? 'live' : 'gone'}  ${d.id}  holds ${d.holds} of ${s.jobs.filter((j) => !j.local).length} units  started ${t(d.startedAt)}  seen ${t(d.seenAt)}${d.url ? `  ${d.url}` : ''}`),
    'jobs:',
    ...s.jobs.map(
      (j) =>
        `  ${j.scope.padEnd(28)} ${j.schedule.padEnd(34)} ${j.local ? 'every daemon' : j.holder ? `held by ${j.holder} since ${t(j.heldSince)}` : 'not held'}` +
        `  last ${t(j.lastStartedAt)}${j.lastError ? ` (failed: ${j.lastError})` : ''}  next ${t(j.nextRunAt)}`,
    ),
  ];
}
