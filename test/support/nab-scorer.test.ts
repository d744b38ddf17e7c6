import { describe, expect, it } from '@jest/globals';
import { NAB_STANDARD, normalisedScore, parseNabTime, probationaryRows, scaledSigmoid, scoreNab } from './nab-scorer.js';

const t0 = Date.parse('2015-03-01T00:00:00Z');
const times = Array.from({ length: 10_000 }, (_, i) => t0 + i * 300_000);
const windows = [
  { start: times[2000]!, end: times[2999]! },
  { start: times[6000]!, end: times[6999]! },
];
const alarmsAt = (...rows: number[]) => times.map((_, i) => rows.includes(i));
const score = (...rows: number[]) => scoreNab(times, alarmsAt(...rows), windows);

describe('NAB standard-profile scorer', () => {
  it('scores no detections 0 and a detection at each window start 100', () => {
    expect(normalisedScore([score()])).toBe(0);
    expect(normalisedScore([score(2000, 6000)])).toBeCloseTo(100, 10);
  });

  it('rewards earlier detections in a window more (sigmoid of the relative position)', () => {
    const middle = score(2500, 6000).windows[0]!.score;
    const late = score(2990, 6000).windows[0]!.score;
    expect(middle).toBeCloseTo(scaledSigmoid(-0.5) / scaledSigmoid(-1), 10);
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(middle);
  });

  it('counts only the first detection of a window, and later ones in it cost nothing', () => {
    expect(score(2000, 2100, 2500, 6000).raw).toBeCloseTo(score(2000, 6000).raw, 10);
  });

  it('charges a missed window fnWeight', () => {
    expect(score(2000).raw).toBeCloseTo(1 - NAB_STANDARD.fnWeight, 10);
  });

  it('charges a false positive before any window the full fpWeight, and less just after a window', () => {
    expect(score(1000, 2000, 6000).raw - score(2000, 6000).raw).toBeCloseTo(-NAB_STANDARD.fpWeight, 10);
    const justAfter = score(2000, 3005, 6000).raw - score(2000, 6000).raw;
    expect(justAfter).toBeLessThan(0);
    expect(justAfter).toBeGreaterThan(-0.01);
    expect(score(2000, 6000, 9999).raw - score(2000, 6000).raw).toBeCloseTo(-NAB_STANDARD.fpWeight, 10);
  });

  it('ignores the probationary rows (15 %, at most 750)', () => {
    expect(probationaryRows(10_000)).toBe(750);
    expect(probationaryRows(1_000)).toBe(150);
    expect(score(10, 2000, 6000).raw).toBeCloseTo(score(2000, 6000).raw, 10);
  });

  it("reads NAB's timestamps as UTC, with or without microseconds", () => {
    expect(parseNabTime('2015-03-03 04:37:53.000000')).toBe(Date.parse('2015-03-03T04:37:53Z'));
    expect(() => parseNabTime('soon')).toThrow('not a NAB timestamp');
  });
});
