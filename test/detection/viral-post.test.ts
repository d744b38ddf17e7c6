import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ManualClock } from '../../src/platform/clock.js';
import { DetectionService } from '../../src/detection/detection.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

describe('viral-post detection from engagement snapshots', () => {
  let t: TestApp;
  let clock: ManualClock;
  const push = (externalId: string, shares: number, comments: number) =>
    t.request('/api/v1/mentions', { method: 'POST', json: mention({ externalId, engagement: { likes: 0, shares, comments, views: 0 } }) });

  beforeAll(async () => {
    t = await startTestApp({ label: 'viral', config: { brands: [acmeBrand] } });
    clock = t.clock as ManualClock;
  });
  afterAll(async () => t.close());

  it('opens a viral_post signal for a post gaining ~2,000 reposts an hour, not for ordinary posts, and closes it when growth stops', async () => {
    clock.set('2026-11-20T08:00:00Z');
    for (const id of ['v1', 'o1', 'o2']) expect((await push(id, 10, 0)).status).toBe(200);
    clock.set('2026-11-20T08:30:00Z');
    await push('v1', 900, 100);
    await push('o1', 14, 1);
    await push('o2', 12, 0);
    const detection = t.app.get(DetectionService);
    const opened = (await detection.runDetection(clock.now())).filter((s) => s.kind === 'viral_post');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ brand: 'acme', status: 'open', scope: { mentionKey: 'weibo:v1' }, evidence: { growthPerHour: 1980 } });

    clock.set('2026-11-20T10:00:00Z');
    const later = (await detection.runDetection(clock.now())).filter((s) => s.kind === 'viral_post');
    expect(later).toEqual([expect.objectContaining({ key: opened[0]!.key, status: 'closed' })]);
  }, 300_000);
});
