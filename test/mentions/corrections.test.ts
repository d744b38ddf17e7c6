import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { slangLabels } from '../support/sentiment-examples.js';
import { LearningService } from '../../src/learning/learning.service.js';
import { AnalysisService } from '../../src/mentions/analysis.service.js';
import { ReanalyzeService } from '../../src/mentions/reanalyze.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

describe('sentiment corrections', () => {
  let t: TestApp;
  const totals = async () => {
    const series = (await (await t.request('/api/v1/buckets?brand=acme&from=2026-11-20T08:00:00Z&to=2026-11-20T09:00:00Z')).json()) as Array<Record<string, number>>;
    return ['negative', 'neutral', 'positive'].map((k) => series.reduce((s, b) => s + b[k]!, 0));
  };
  const push = (items: Record<string, unknown>[]) => t.request('/api/v1/mentions', { method: 'POST', json: items, as: 'responder' });
  const stored = (id: string) => t.app.get(ReanalyzeService).mention(id);
  const correct = (id: string, body: unknown, as: 'viewer' | 'responder' | 'admin' = 'responder') =>
    t.request(`/api/v1/mentions/${encodeURIComponent(id)}/sentiment`, { method: 'POST', json: body, as });
  const undo = (id: string) => t.request(`/api/v1/mentions/${encodeURIComponent(id)}/sentiment`, { method: 'DELETE', as: 'responder' });

  beforeAll(async () => {
    t = await startTestApp({ label: 'corrections', config: { brands: [acmeBrand] } });
    await push([
      mention({ externalId: 'c1', text: 'Found a hair in my Acme dish, disgusting. Never again!' }),
      mention({ externalId: 'c2', text: '阿克米外卖送得很快，味道也不错', publishedAt: '2026-11-20T08:07:00Z' }),
      mention({ externalId: 'c3', text: '阿克米的新品又塌房了', publishedAt: '2026-11-20T08:12:00Z' }),
    ]);
  });
  afterAll(async () => t.close());

  it('lets a viewer read but not correct', async () => {
    expect((await correct('weibo:c1', { label: 'positive' }, 'viewer')).status).toBe(403);
    expect((await stored('weibo:c1'))!.sentiment.label).toBe('negative');
  });

  it('refuses a label that is not one, naming the field', async () => {
    const r = await correct('weibo:c1', { label: 'great' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toContain('label');
    expect((await correct('weibo:nope', { label: 'positive' })).status).toBe(404);
  });

  it('changes the mention and moves the counters by exactly what changed; undo restores both', async () => {
    const before = await totals();
    const r = await correct('weibo:c1', { label: 'positive' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ mention: 'weibo:c1', sentiment: { label: 'positive', score: 1, corrected: { by: 'test responder' } }, correction: { label: 'positive', by: 'test responder', undone: false } });
    expect((await stored('weibo:c1'))!.sentiment.label).toBe('positive');
    expect(await totals()).toEqual([before[0]! - 1, before[1], before[2]! + 1]);

    const back = await undo('weibo:c1');
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ sentiment: { label: 'negative' }, correction: { undone: true } });
    expect((await stored('weibo:c1'))!.sentiment).toEqual({ score: expect.any(Number), label: 'negative' });
    expect(await totals()).toEqual(before);
    expect((await undo('weibo:c1')).status).toBe(409);
  });

  it('keeps who did what and when in the correction\'s audit trail', async () => {
    await correct('weibo:c2', { label: 'negative' }, 'admin');
    await correct('weibo:c2', { label: 'neutral' });
    await undo('weibo:c2');
    const record = await t.connection.db!.collection('sentiment_labels').findOne({ _id: 'correction:weibo:c2' as never });
    expect(record).toMatchObject({ brand: 'acme', source: 'correction', previous: { label: 'positive' }, undoneBy: 'test responder' });
    expect(record!.audit.map((a: { by: string; action: string; label: string }) => [a.by, a.action, a.label])).toEqual([
      ['test admin', 'corrected', 'negative'],
      ['test responder', 'corrected', 'neutral'],
      ['test responder', 'undone', 'neutral'],
    ]);
    expect((await stored('weibo:c2'))!.sentiment.label).toBe('positive');
  });

  it('stores a correction of one aspect without changing the overall sentiment', async () => {
    const r = await correct('weibo:c2', { label: 'negative', aspect: 'delivery' });
    expect(await r.json()).toMatchObject({ aspect: 'delivery', sentiment: { label: 'positive' }, correction: { label: 'negative' } });
  });

  it('past the label threshold, scores similar new mentions differently and re-analysis uses the layer; a correction stands', async () => {
    expect((await stored('weibo:c3'))!.sentiment.label).toBe('neutral');
    await correct('weibo:c2', { label: 'negative' });
    const analysis = t.app.get(AnalysisService);
    const labels = slangLabels('zh').map(({ text, label }) => ({ text, label, analysis: analysis.analyze({ text }) }));
    expect(await t.app.get(LearningService).learnBatch('acme', labels, t.clock.now())).toBeGreaterThanOrEqual(200);

    await push([mention({ externalId: 'c4', text: '阿克米家的奶茶又塌房了', publishedAt: '2026-11-20T08:20:00Z' })]);
    expect((await stored('weibo:c4'))!.sentiment.label).toBe('negative');

    const before = await totals();
    const r = await t.app.get(ReanalyzeService).run({ since: new Date('2026-11-20T00:00:00Z'), brand: 'acme' });
    expect(r.changed).toBeGreaterThanOrEqual(1);
    expect((await stored('weibo:c3'))!.sentiment.label).toBe('negative');
    expect((await stored('weibo:c2'))!.sentiment).toMatchObject({ label: 'negative', score: -1 });
    const after = await totals();
    expect(after.reduce((a, b) => a + b, 0)).toBe(before.reduce((a, b) => a + b, 0));
    expect(after[0]).toBeGreaterThan(before[0]!);
  });
});
