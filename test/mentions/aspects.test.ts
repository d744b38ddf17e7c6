import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReanalyzeService } from '../../src/mentions/reanalyze.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

describe('review aspects on stored mentions', () => {
  let t: TestApp;
  const stored = (id: string) => t.app.get(ReanalyzeService).mention(id);

  beforeAll(async () => {
    t = await startTestApp({ label: 'aspects', config: { brands: [acmeBrand] } });
    const r = await t.request('/api/v1/mentions', {
      method: 'POST',
      as: 'responder',
      json: [
        mention({ externalId: 'a1', text: '阿克米外卖配送很快，但是味道太差了，还有头发' }),
        mention({ externalId: 'a2', text: 'Acme delivery was late again, but the staff were friendly and helpful', publishedAt: '2026-11-20T08:05:00Z' }),
        mention({ externalId: 'a3', text: 'Acme is trending today', publishedAt: '2026-11-20T08:06:00Z' }),
      ],
    });
    expect(r.status).toBe(200);
  });
  afterAll(async () => t.close());

  it('stores each aspect a Chinese review talks about with its own polarity, in the same write as its sentiment', async () => {
    const m = (await stored('weibo:a1'))!;
    expect(m.aspects).toEqual(expect.arrayContaining([
      { aspect: 'delivery', score: expect.any(Number), label: 'positive' },
      { aspect: 'taste', score: expect.any(Number), label: 'negative' },
    ]));
  });

  it('does the same for English, and stores none for a text that names no aspect', async () => {
    expect((await stored('weibo:a2'))!.aspects).toEqual(expect.arrayContaining([
      { aspect: 'delivery', score: expect.any(Number), label: 'negative' },
      { aspect: 'service', score: expect.any(Number), label: 'positive' },
    ]));
    expect((await stored('weibo:a3'))!).not.toHaveProperty('aspects');
  });

  it('keeps the aspects through a re-analysis', async () => {
    const before = (await stored('weibo:a1'))!.aspects;
    await t.app.get(ReanalyzeService).run({ since: new Date('2026-11-20T00:00:00Z'), brand: 'acme' });
    expect((await stored('weibo:a1'))!.aspects).toEqual(before);
    expect(before!.map((a) => a.aspect).sort()).toEqual(['delivery', 'taste']);
  });
});
