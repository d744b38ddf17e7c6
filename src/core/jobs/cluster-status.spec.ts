import { describe, expect, it } from '@jest/globals';
import type { LeaseHead } from '../leases/lease.js';
import { clusterStatus, statusLines, type UnitRecord } from './cluster-status.js';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 8, 0, s));
const head = (scope: string, owner: string, expires: number): LeaseHead => ({ scope, owner, epoch: 3, since: at(0), expiresAt: at(expires) });
const unit = (scope: string, over: Partial<UnitRecord> = {}): UnitRecord => ({ scope, job: scope.split(':')[0]!, schedule: 'every 30 s', local: false, ...over });

describe(clusterStatus.name, () => {
  const now = at(40);
  const status = clusterStatus(
    now,
    30_000,
    [
      { id: 'b:2', host: 'b', pid: 2, startedAt: at(0), seenAt: at(35) },
      { id: 'a:1', host: 'a', pid: 1, startedAt: at(0), seenAt: at(-30) },
    ],
    [head('sla', 'b:2', 60), head('outbox-row:1', 'a:1', 20), head('detection:acme', 'a:1', 30)],
    [unit('sla', { lastStartedAt: at(10), nextRunAt: at(40) }), unit('detection:acme', { unit: 'acme' })],
  );

  it('calls a daemon live while its heartbeat is younger than two lease times', () => {
    expect(status.daemons.map((d) => [d.id, d.live])).toEqual([
      ['a:1', false],
      ['b:2', true],
    ]);
  });

  it('counts the units each daemon holds a live lease of (how the load is spread)', () => {
    expect(status.daemons.map((d) => [d.id, d.holds])).toEqual([
      ['a:1', 0],
      ['b:2', 1],
    ]);
    expect(statusLines(status)[2]).toMatch(/^ {2}live {2}b:2 {2}holds 1 of 2 units/);
  });

  it('names the holder of each unit whose lease is live, and none for an expired one', () => {
    expect(status.jobs.map((j) => [j.scope, j.holder ?? null])).toEqual([
      ['sla', 'b:2'],
      ['detection:acme', null],
    ]);
  });

  it('lists the leases of scheduled units, leaving out expired leases of rows already delivered', () => {
    expect(status.leases.map((l) => [l.scope, l.live])).toEqual([
      ['detection:acme', false],
      ['sla', true],
    ]);
  });

  it('prints one line per daemon and per unit', () => {
    const lines = statusLines(status);
    expect(lines[0]).toBe('daemons (1 live):');
    expect(lines.find((l) => l.includes('sla'))).toMatch(/held by b:2 since 2026-03-02T08:00:00Z {2}last 2026-03-02T08:00:10Z {2}next 2026-03-02T08:00:40Z/);
  });
});
