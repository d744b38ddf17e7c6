import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../src/platform/clock.js';
import { JobRegistry } from '../../src/platform/jobs/job-registry.js';
import { LeaseLost, underLease } from '../../src/platform/leases/fence.js';
import { DaemonIdentity } from '../../src/platform/leases/daemon-identity.js';
import { LeaseRepository } from '../../src/platform/leases/lease.repository.js';
import { LeaseService } from '../../src/platform/leases/lease.service.js';
import { MetricsService } from '../../src/platform/metrics/metrics.service.js';
import { Runtime } from '../../src/platform/runtime.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The lease mechanism against the real database, with two daemons (two apps, each its own identity) on
 * one database and one manual clock: one holder at a time, take-over after expiry in a new epoch,
 * fencing of the old holder, hand-over at once on release, and a bounded lease collection.
 */
describe('leases between two daemons on one database', () => {
  const clock = new ManualClock('2026-11-20T08:00:00Z');
  let a: TestApp;
  let b: TestApp;
  const TTL = 30_000;

  beforeAll(async () => {
    a = await startTestApp({ label: 'cluster_leases', clock, dropOnClose: false });
    b = await startTestApp({ label: 'cluster_leases', clock, config: { dbName: a.config.dbName } });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('grants a scope to one daemon at a time, and renews it for its holder in the same epoch', async () => {
    const [la, lb] = [a.app.get(LeaseService), b.app.get(LeaseService)];
    const [ha, hb] = await Promise.all([la.acquire('source:weibo', TTL), lb.acquire('source:weibo', TTL)]);
    expect([ha, hb].filter(Boolean)).toHaveLength(1);
    const holder = (ha ?? hb)!;
    clock.advance(20_000);
    const renewed = await (ha ? la : lb).acquire('source:weibo', TTL);
    expect(renewed).toMatchObject({ epoch: holder.epoch, owner: holder.owner });
    expect(await (ha ? lb : la).acquire('source:weibo', TTL)).toBeUndefined();
  });

  it('lets the other daemon take an expired lease over in the next epoch, and fences the old holder', async () => {
    const [la, lb] = [a.app.get(LeaseService), b.app.get(LeaseService)];
    const first = (await la.acquire('sla', TTL))!;
    expect(first).toBeDefined();
    clock.advance(TTL + 1);
    const second = (await lb.acquire('sla', TTL))!;
    expect(second).toMatchObject({ epoch: first.epoch + 1, owner: lb.owner, tookOverFrom: la.owner });
    // The paused holder wakes up: its token is stale, whatever it was about to write is refused.
    await expect(la.fence(first)).rejects.toBeInstanceOf(LeaseLost);
    await expect(underLease(first, () => la.fence())).rejects.toThrow(/lease sla lost/);
    expect(await la.renew(first, TTL)).toBeUndefined();
    await expect(lb.fence(second)).resolves.toBeUndefined();
    const metrics = await (await b.request('/metrics', { as: 'viewer' })).text();
    expect(metrics).toMatch(/goldenhour_lease_handovers_total\{job="sla"\} 1/);
  });

  it('hands a released lease over at once, without waiting for its expiry', async () => {
    const [la, lb] = [a.app.get(LeaseService), b.app.get(LeaseService)];
    const held = (await la.acquire('outbox', TTL))!;
    expect(await lb.acquire('outbox', TTL)).toBeUndefined();
    await la.release(held);
    expect(await lb.acquire('outbox', TTL)).toMatchObject({ epoch: held.epoch + 1 });
  });

  it('keeps only the last few epochs of a scope, however often it changes hands', async () => {
    const services = [a.app.get(LeaseService), b.app.get(LeaseService)];
    for (let i = 0; i < 12; i++) {
      const h = (await services[i % 2]!.acquire('digest', TTL))!;
      expect(h).toBeDefined();
      await services[i % 2]!.release(h);
    }
    const epochs = await a.connection.collection('lease_epochs').countDocuments({ _id: { $regex: '^digest#' } as never });
    expect(epochs).toBeLessThanOrEqual(3);
  });

  it('runs on-demand work exclusively under a lease, except on a private database (a replay\'s), where no other daemon can', async () => {
    const repo = a.app.get(LeaseRepository);
    const service = (privateDatabase: boolean) => new LeaseService(repo, clock, a.app.get(DaemonIdentity), a.app.get(MetricsService), new Runtime(false, privateDatabase));
    const heads: unknown[] = [];
    const work = async () => {
      heads.push(await repo.head('alerts-evaluation-test'));
      return 'done';
    };
    await expect(service(false).exclusive('alerts-evaluation-test', TTL, 1_000, work)).resolves.toBe('done');
    await expect(service(true).exclusive('alerts-evaluation-test', TTL, 1_000, work)).resolves.toBe('done');
    expect(heads[0]).toMatchObject({ owner: a.app.get(LeaseService).owner, epoch: 1 });
    // The private database's run wrote no epoch: the head is the first run's, released.
    expect(heads[1]).toMatchObject({ epoch: 1 });
    expect(await repo.head('alerts-evaluation-test')).toMatchObject({ epoch: 1 });
    expect(await a.connection.collection('lease_epochs').countDocuments({ _id: { $regex: '^alerts-evaluation-test#' } as never })).toBe(1);
  });

  it('runs a declared job by name, as tests and replay do', async () => {
    const registry = a.app.get(JobRegistry);
    expect(registry.all().map((j) => j.name).sort()).toEqual(['alerts', 'case-sla', 'detection', 'digest', 'ledger-compaction', 'outbox', 'retention', 'sla', 'source']);
    await expect(registry.run('sla', clock.now())).resolves.toBeUndefined();
  });

  it('shows daemons, lease holders and job runs to admins only (GET /api/v1/cluster)', async () => {
    expect((await b.request('/api/v1/cluster', { as: 'viewer' })).status).toBe(403);
    const res = await b.request('/api/v1/cluster', { as: 'admin' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { leases: { scope: string; owner: string; live: boolean }[]; jobs: { scope: string; schedule: string }[] };
    expect(body.leases.find((l) => l.scope === 'sla')).toMatchObject({ owner: b.app.get(LeaseService).owner, live: true });
    expect(body.jobs.find((j) => j.scope === 'sla')).toMatchObject({ schedule: 'every 30 s' });
  });
});
