import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IncidentQueries } from '../../src/incidents/incident-queries.service.js';
import { IncidentsRepository } from '../../src/incidents/incidents.repository.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { careTeam, openCrisisIncident } from './support.js';

/**
 * Incidents are kept by the month of their alert (`incidents_YYYYMM`), so a write or a period read touches
 * one month of history, not all of it; a database of the earlier single `incidents` collection keeps
 * working until `goldenhour migrate` moves it, and the migration is safe to repeat.
 */
describe('incidents by month', () => {
  let t: TestApp;
  let id: string;
  const clock = new ManualClock('2026-10-31T23:58:00Z');
  const db = () => t.connection.db!;
  const names = async () => (await db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => /^incidents(_\d+)?$/.test(n)).sort();
  const list = async (q: string) => ((await (await t.request(`/api/v1/incidents?brand=acme${q}`, { as: 'viewer' })).json()) as { incidents: { id: string }[] }).incidents.map((i) => i.id);

  beforeAll(async () => {
    t = await startTestApp({ label: 'incident_partitions', clock, config: careTeam, dropOnClose: false });
    id = await openCrisisIncident(t, clock);
  });
  afterAll(async () => t.close());

  it('stores an incident in the month its alert names, and finds one opened early in the next month in that month\'s period', async () => {
    expect(id).toMatch(/-202610312358-/);
    expect(await names()).toEqual(['incidents_202610']);
    // Opened just after midnight: it belongs to November's figures, though stored with October's.
    await db().collection('incidents_202610').updateOne({ _id: id as never }, { $set: { openedAt: new Date('2026-11-01T00:00:30Z') } });
    expect(await list('&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z')).toEqual([id]);
    expect(await list('&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z')).toEqual([]);
    const stats = (await (await t.request('/api/v1/incidents/stats?brand=acme&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z', { as: 'viewer' })).json()) as { incidents: number };
    expect(stats.incidents).toBe(1);
  });

  it('reads and acts on incidents of the earlier single collection, then moves them by month in `goldenhour migrate` (twice: no change)', async () => {
    const doc = await db().collection('incidents_202610').findOne({ _id: id as never });
    await db().collection('incidents').insertOne(doc!);
    await db().dropCollection('incidents_202610');
    await db().collection('incidents_open').deleteMany({});
    // A daemon of this version started on that database (it asks once at start whether the old collection is there).
    const dbName = t.config.values.dbName;
    await t.close();
    t = await startTestApp({ label: 'incident_partitions', clock, config: { ...careTeam, dbName } });

    expect((await t.request(`/api/v1/incidents/${encodeURIComponent(id)}/acknowledge`, { method: 'POST', as: 'responder', json: {} })).status).toBe(201);
    expect(await list('')).toEqual([id]);
    expect(await db().collection('incidents').findOne({ _id: id as never })).toMatchObject({ state: 'acknowledged' });

    expect(await t.app.get(IncidentQueries).migrate()).toEqual({ moved: 1, open: 1 });
    expect(await names()).toEqual(['incidents_202610']);
    expect((await t.app.get(IncidentsRepository).get(id))?.state).toBe('acknowledged');
    expect((await t.app.get(IncidentsRepository).unresolvedOf('acme')).map((i) => i._id)).toEqual([id]);
    expect(await t.app.get(IncidentQueries).migrate()).toEqual({ moved: 0, open: 1 });
    expect(await names()).toEqual(['incidents_202610']);
  });
});
