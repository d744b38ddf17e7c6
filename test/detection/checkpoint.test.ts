import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { dailyCycleCounts } from '../../src/core/detection/test-series.js';
import type { BucketDeltas } from '../../src/core/mention/contribution.js';
import { BucketScopes } from '../../src/detection/bucket-scopes.js';
import { DetectorCheckpoints } from '../../src/detection/detector-checkpoints.repository.js';
import { BucketsRepository } from '../../src/mentions/buckets.repository.js';
import { BucketsService } from '../../src/mentions/buckets.service.js';
import { Runtime } from '../../src/platform/runtime.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand } from '../support/factories.js';

const BUCKET = 5 * 60_000;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T08:00:00Z');
const HISTORY_DAYS = 30;

/** Counters as one batch of ingest writes them: brand × platform × 5-minute start, ~10 % negatives. */
function deltasOf(platform: string, points: { start: number; count: number }[]): BucketDeltas {
  const d: BucketDeltas = { buckets: new Map(), topics: new Map() };
  for (const p of points) {
    const negative = Math.round(p.count * 0.1);
    d.buckets.set(`acme|${platform}|${p.start}`, { brand: 'acme', platform, start: p.start, inc: { total: p.count, negative, neutral: p.count - negative, positive: 0, crisis: 0, likes: 0, shares: 0, comments: 0, views: 0 } });
  }
  return d;
}

describe('detector checkpoints over the real database', () => {
  let t: TestApp;
  let scopes: BucketScopes;
  const readings = async (at: number) => {
    const r = await scopes.readings('acme', new Date(at));
    return { read: r.bucketsRead, scopes: r.scopes };
  };

  beforeAll(async () => {
    t = await startTestApp({ label: 'detector-checkpoints', config: { brands: [acmeBrand] } });
    scopes = t.app.get(BucketScopes);
    const start = T0 - HISTORY_DAYS * 86_400_000;
    // Weibo's usual cycle, then a surge at T0 + 2 h; douyin steady.
    const weibo = dailyCycleCounts({ mean: 30, days: HISTORY_DAYS + 1, seed: 41, start }).map((p) => (p.start >= T0 + 2 * HOUR && p.start < T0 + 2 * HOUR + 3 * BUCKET ? { ...p, count: p.count * 8 } : p));
    const douyin = dailyCycleCounts({ mean: 10, days: HISTORY_DAYS + 1, seed: 42, start });
    const repo = t.app.get(BucketsRepository);
    for (const [platform, points] of [['weibo', weibo], ['douyin', douyin]] as const) {
      for (let i = 0; i < points.length; i += 500) await repo.apply(deltasOf(platform, points.slice(i, i + 500)));
    }
  }, 180_000);
  afterAll(async () => t.close());

  it('a restarted daemon resumes the replays from the checkpoint: the readings of the daemon that kept running, reading only the buckets since', async () => {
    const first = await readings(T0);
    expect(first.read).toBeGreaterThan(2 * 29 * 288);
    expect(await scopes.saveCheckpoint('acme', new Date(T0))).toBe(true);
    // Within CHECKPOINT_EVERY_MS nothing is rewritten.
    expect(await scopes.saveCheckpoint('acme', new Date(T0 + BUCKET))).toBe(false);
    const stored = await t.app.get<Connection>(getConnectionToken()).db!.collection('detector_checkpoint_acme').findOne({ _id: 'acme' as never });
    expect(stored).toMatchObject({ savedAt: new Date(T0) });

    // Through the surge: the daemon that keeps running, a pass at least every hour (its windows stay kept)…
    const passes = [T0 + HOUR / 2, T0 + HOUR, T0 + 1.5 * HOUR, T0 + 2 * HOUR, T0 + 2 * HOUR + 2 * BUCKET, T0 + 2.5 * HOUR, T0 + 3 * HOUR];
    const kept = [];
    for (const at of passes) kept.push(await readings(at));
    expect(kept[4]!.scopes.some((s) => s.readings.some((r) => r.triggered))).toBe(true);
    // …and one restarted before some of them (its memory gone), resuming from the checkpoint of T0.
    for (const i of [1, 4, 6]) {
      scopes.forget('acme');
      const resumed = await readings(passes[i]!);
      expect(resumed.scopes).toEqual(kept[i]!.scopes);
      // The buckets since the checkpoint's last settled one (plus the last hour read again), not 29 days.
      expect(resumed.read).toBeLessThan(2 * 20 * 12 * 4);
    }
  }, 300_000);

  it('replays the whole window instead when the checkpoint is older than a kept window, or of other detectors', async () => {
    scopes.forget('acme');
    expect((await readings(T0 + 7 * HOUR)).read).toBeGreaterThan(2 * 29 * 288);
    expect(await scopes.saveCheckpoint('acme', new Date(T0 + 7 * HOUR))).toBe(true);
    const col = t.app.get<Connection>(getConnectionToken()).db!.collection('detector_checkpoint_acme');
    await col.updateOne({ _id: 'acme' as never }, { $set: { fingerprint: 'other detector options' } });
    scopes.forget('acme');
    expect((await readings(T0 + 7 * HOUR + BUCKET)).read).toBeGreaterThan(2 * 29 * 288);
  }, 300_000);

  it('writes none on a private database (a replay\'s own: no other process or later start resumes it)', async () => {
    const col = t.app.get<Connection>(getConnectionToken()).db!.collection('detector_checkpoint_acme');
    const before = await col.findOne({ _id: 'acme' as never });
    const alone = new BucketScopes(t.app.get(BucketsService), t.app.get(DetectorCheckpoints), new Runtime(false, true));
    expect((await alone.readings('acme', new Date(T0 + 8 * HOUR))).scopes.length).toBeGreaterThan(0);
    expect(await alone.saveCheckpoint('acme', new Date(T0 + 8 * HOUR))).toBe(false);
    expect(await col.findOne({ _id: 'acme' as never })).toEqual(before);
  }, 300_000);
});
