import { afterAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { careTeam, openCrisisIncident } from './support.js';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const running = new Set<TestApp>();

async function stop(t: TestApp): Promise<void> {
  running.delete(t);
  await t.close();
}

/** A daemon process on the shared database: its own app, clock and scheduled SLA job (ticking every second). */
async function daemon(dbName: string, at: string): Promise<TestApp> {
  return track(await startTestApp({
    label: 'incidents_restart',
    clock: new ManualClock(at),
    scheduling: true,
    dropOnClose: false,
    config: { ...careTeam, dbName, incidents: { slaJobSeconds: 1 } },
  }));
}

function track(t: TestApp): TestApp {
  running.add(t);
  return t;
}

async function stepRows(t: TestApp): Promise<Record<string, number>> {
  const rows = await t.connection.collection('outbox').find({ idempotencyKey: /^step\|/ }).toArray();
  const out: Record<string, number> = {};
  for (const r of rows) out[String(r.idempotencyKey).split('|')[2]!] = (out[String(r.idempotencyKey).split('|')[2]!] ?? 0) + 1;
  return out;
}

describe('SLA job across crashes and restarts', () => {
  afterAll(async () => {
    // A failed expectation must not leave daemons ticking; the last one drops the database.
    for (const t of running) await stop(t);
  });

  it('fires overdue steps once on start, finishes a step claimed before a crash, and never fires one twice', async () => {
    const first = track(await startTestApp({ label: 'incidents_restart', clock: new ManualClock('2026-11-20T08:00:00Z'), dropOnClose: false, config: careTeam }));
    const dbName = first.connection.name;
    const id = await openCrisisIncident(first, first.clock as ManualClock);
    // The process claimed the 30-minute reminder and died before writing its notification.
    await first.connection.collection('incident_steps').insertOne({ _id: `${id}|remind-owner` as never, incidentId: id, stepId: 'remind-owner', at: new Date('2026-11-20T08:30:30Z') });
    await stop(first);

    const restarted = await daemon(dbName, '2026-11-20T08:50:30Z');
    await settle(2500);
    expect(await stepRows(restarted)).toEqual({ 'remind-owner': 3, 'escalate-team-lead': 1 });
    const incident = await (await restarted.request(`/api/v1/incidents/${id}`)).json();
    expect(incident.sla.firedSteps.map((s: { id: string; at: string }) => `${s.id}@${s.at}`)).toEqual([
      'remind-owner@2026-11-20T08:30:30.000Z',
      'escalate-team-lead@2026-11-20T08:50:30.000Z',
    ]);
    await stop(restarted);

    // Two replicas start together after the response deadline: the breach and its step happen once.
    const [a, b] = await Promise.all([daemon(dbName, '2026-11-20T09:01:00Z'), daemon(dbName, '2026-11-20T09:01:00Z')]);
    await settle(2500);
    expect(await stepRows(a)).toEqual({ 'remind-owner': 3, 'escalate-team-lead': 1, 'executive-on-response-breach': 1 });
    expect(await a.connection.collection('incident_steps').countDocuments({ incidentId: id })).toBe(3);
    // The step's claim row is written before its audit entry: under load the entry may land a moment later.
    const escalations = (incident: { audit: { action: string; detail: string }[] }) => incident.audit.filter((e) => e.action === 'breach' || e.action === 'escalate');
    let after = await (await b.request(`/api/v1/incidents/${id}`)).json();
    for (let i = 0; i < 40 && escalations(after).length < 3; i++) {
      await settle(250);
      after = await (await b.request(`/api/v1/incidents/${id}`)).json();
    }
    expect(after.sla.responseBreachedAt).toBe('2026-11-20T09:00:30.000Z');
    // The audit names the process that claimed each step; the reminder's claimer died before writing it.
    expect(after.audit.filter((e: { action: string }) => e.action === 'breach' || e.action === 'escalate').map((e: { action: string; detail: string }) => e.detail)).toEqual([
      'escalate-team-lead → team-lead',
      'response-breach at 2026-11-20T09:00:30.000Z',
      'executive-on-response-breach → executive',
    ]);
    await stop(b);
    await a.connection.dropDatabase();
    await stop(a);
  });
});
