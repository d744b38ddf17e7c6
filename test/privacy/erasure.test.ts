import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AnalysisService } from '../../src/mentions/analysis.service.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { storedMentions } from '../support/stored.js';
import { everything, liPost, privacyConfig, seedPeople, wang, wangPosts } from './support.js';

describe('personal data of one author', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-20T08:10:00Z');
  const subject = `/api/v1/privacy/subjects?platform=weibo&author=${encodeURIComponent(wang.handle)}`;
  const counters = async () => (await t.request('/api/v1/buckets?brand=acme&from=2026-11-17T00:00:00Z&to=2026-11-21T00:00:00Z')).json();

  beforeAll(async () => {
    t = await startTestApp({ label: 'privacy_erasure', clock, config: privacyConfig });
    await seedPeople(t, clock);
  });
  afterAll(async () => t.close());

  it('stores text with phone and order numbers masked, analysed as it was written', async () => {
    const [stored] = await storedMentions(t.connection, { _id: 'weibo:wang-1' });
    expect(stored!.text).toBe('Food poisoning after Acme chicken rice wangmarker1, call me 139****4321, order *********8901');
    const analysed = t.app.get(AnalysisService).analyze({ text: String(wangPosts[0]!.text), names: ['acme', 'Acme Foods', '阿克米'] });
    expect((stored!.sentiment as { label: string }).label).toBe(analysed.label);
    expect((stored!.crisis as { term: string }[]).map((c) => c.term)).toEqual(analysed.crisis.map((c) => c.term));
  });

  it('exports every copy held about the author, and none of anyone else', async () => {
    const res = await t.request(subject);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { counts: Record<string, number>; copies: { kind: string; where: string }[] };
    // 3 posts; a revision and a journal entry more for the re-sighted one; 2 negative highlights and one engagement
    // patch; index entries by author (3) and link (1); the posts' key claims (3); the evidence of the signal (live
    // set and its month), the alert and its group, the alert's and the incident's cause summary, the incident; the
    // team's three e-mails; the reply case opened for the crisis post (the case and its queue entry under each of
    // the six filters it is listed under); the story of each post.
    expect(doc.counts).toEqual({ mention: 3, revision: 1, journal: 4, negativeHighlight: 3, authorIndex: 4, mentionKey: 3, signalEvidence: 2, alertEvidence: 3, incidentEvidence: 2, notification: 3, caseCopy: 7, storyCopy: 3 });
    // Highlights are kept per brand and 6-hour block.
    expect(doc.copies.filter((c) => c.kind === 'negativeHighlight').every((c) => /^negatives_\d{8}_\d{2}_acme\//.test(c.where))).toBe(true);
    const text = JSON.stringify(doc);
    for (const marker of ['wangmarker1', 'wangmarker2', 'wangmarker3']) expect(text).toContain(marker);
    expect(text).not.toContain('limarker');
  });

  it('erases every copy, keeps the counters, records kinds and counts, and leaves others alone', async () => {
    const before = await counters();
    const exported = ((await (await t.request(subject)).json()) as { counts: Record<string, number> }).counts;
    const res = await t.request(subject, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const record = (await res.json()) as { erased: Record<string, number>; by: string; subject: string };
    expect(record.erased).toEqual(exported);
    expect(record.by).toMatch(/^test admin/);
    expect(JSON.stringify(record)).not.toMatch(/wang|13987654321/i);
    expect(await counters()).toEqual(before);
    const all = await everything(t.connection);
    for (const marker of ['wangmarker1', 'wangmarker2', 'wangmarker3', 'https://weibo.example/wang-1']) expect(all).not.toContain(marker);
    expect(all).toContain('limarker');
    expect(all).toContain('[removed on request]');
    const incidents = (await (await t.request('/api/v1/incidents?brand=acme')).json()) as { incidents: { id: string }[] };
    const incident = (await (await t.request(`/api/v1/incidents/${encodeURIComponent(incidents.incidents[0]!.id)}`)).json()) as { evidence: { topMentions: { text: string }[] } };
    expect(incident.evidence.topMentions.map((m) => m.text)).toEqual(['[removed on request]', liPost.text]);
  });

  it('erases nothing the second time, and never stores the erased posts again', async () => {
    const again = (await (await t.request(subject, { method: 'DELETE' })).json()) as { erased: Record<string, number> };
    expect(again.erased).toEqual({});
    const res = await t.request('/api/v1/mentions', { method: 'POST', as: 'responder', json: wangPosts[0] });
    expect(((await res.json()) as { imported: number }).imported).toBe(0);
    expect(await storedMentions(t.connection, { _id: 'weibo:wang-1' })).toHaveLength(0);
    const records = (await (await t.request('/api/v1/privacy/erasures')).json()) as unknown[];
    expect(records).toHaveLength(2);
  });

  it('lists exports, erasures and reads of evidence and mention lists in the audit log', async () => {
    await t.request('/api/v1/mentions?brand=acme', { as: 'viewer' });
    const events = (await (await t.request('/api/v1/audit')).json()) as { action: string; by: string }[];
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['export', 'erase', 'read-evidence', 'read-mentions']));
    expect(events.find((e) => e.action === 'read-mentions')!.by).toMatch(/^test viewer/);
  });

  it('answers 401 without a token and 403 to viewers and responders on every privacy endpoint', async () => {
    const endpoints: [string, string][] = [
      ['GET', subject],
      ['DELETE', subject],
      ['GET', '/api/v1/privacy/erasures'],
      ['GET', '/api/v1/audit'],
    ];
    for (const [method, path] of endpoints) {
      expect((await t.request(path, { method, as: null })).status).toBe(401);
      expect((await t.request(path, { method, as: 'viewer' })).status).toBe(403);
      expect((await t.request(path, { method, as: 'responder' })).status).toBe(403);
    }
  });

  it('names the field to fix in a request that names nobody', async () => {
    const res = await t.request('/api/v1/privacy/subjects?author=x');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/platform/);
  });
});
