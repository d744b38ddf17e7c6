import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

const NOW = '2026-11-20T08:00:00Z';
const running: TestApp[] = [];

/**
 * A restart on a populated database: the daemon answers /readyz 200 only once its detectors are warm
 * (the first detection pass has read their windows), and a mention stored before the restart is
 * re-sighted exactly by the new process (its cache refilled from the journal).
 */
describe('restart with a populated database', () => {
  afterAll(async () => {
    for (const t of running.reverse()) await t.close();
  });

  it('reaches ready with detectors warm, and knows the stored mentions again', async () => {
    const first = await startTestApp({ label: 'ready', clock: new ManualClock(NOW), config: { brands: [acmeBrand] }, dropOnClose: false });
    const days = 5;
    const batch = Array.from({ length: days * 24 }, (_, h) =>
      mention({ externalId: `r-${h}`, text: h % 7 ? 'Acme lunch was tasty' : 'Acme delivery was late again, annoying', publishedAt: new Date(Date.parse(NOW) - (h + 1) * 3_600_000).toISOString() }),
    );
    expect(await (await first.request('/api/v1/mentions', { method: 'POST', json: batch })).json()).toMatchObject({ imported: batch.length });
    await first.close();

    // The restarted daemon, with its scheduled jobs (no recipes to run).
    const scrapersDir = mkdtempSync(join(tmpdir(), 'goldenhour-ready-'));
    const second = await startTestApp({ label: 'ready', clock: new ManualClock(NOW), config: { brands: [acmeBrand], dbName: first.config.dbName, scrapersDir } as never, scheduling: true });
    running.push(second);
    let ready: Response | undefined;
    const deadline = Date.now() + 60_000;
    for (;;) {
      // A busy start may drop a kept-alive connection: that is not an answer, ask again.
      const answer = await second.request('/readyz', { as: null }).catch(() => null);
      if (answer) ready = answer;
      if (!answer && Date.now() <= deadline) continue;
      if (!ready || ready.status === 200 || Date.now() > deadline) break;
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { message: { waiting: string[] } } & Record<string, unknown>)).toBeTruthy();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready?.status).toBe(200);
    // Ready means warm: the first pass has read each detector's window of buckets.
    const metrics = await (await second.request('/metrics', { as: 'viewer' })).text();
    const read = Number(/goldenhour_detection_buckets_read_total (\d+)/.exec(metrics)?.[1] ?? 0);
    expect(read).toBeGreaterThan(0);

    // A mention stored before the restart, seen again with more engagement: updated, not duplicated.
    const again = { ...batch[3]!, engagement: { likes: 9, shares: 3, comments: 1, views: 10 } };
    expect(await (await second.request('/api/v1/mentions', { method: 'POST', json: again })).json()).toMatchObject({ imported: 0, updated: 1 });
  }, 120_000);
});
