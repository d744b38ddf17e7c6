import { describe, expect, it } from '@jest/globals';
import { seededRandom } from './test-series.js';
import { growthPerHour, judgeViral, usualGrowth, usualGrowthOfOthers } from './viral-post.js';

const at = (minutes: number) => new Date(Date.parse('2026-11-20T08:00:00Z') + minutes * 60_000);

describe('viral posts', () => {
  it('measures reposts + comments gained per hour between the snapshots of the last hour', () => {
    const snaps = [
      { at: at(0), shares: 10, comments: 0 },
      { at: at(30), shares: 400, comments: 100 },
      { at: at(60), shares: 1100, comments: 300 },
    ];
    expect(growthPerHour(snaps, at(60))).toBe(1390);
    expect(growthPerHour(snaps.slice(0, 1), at(60))).toBe(0);
  });

  it('calls over 1,000 an hour viral for any brand', () => {
    expect(judgeViral(1200, 5_000)).toMatchObject({ triggered: true });
  });

  it("calls growth far above the brand's usual viral, but not ordinary growth", () => {
    const usual = usualGrowth([2, 3, 5, 4, 8, 6, 3, 2]);
    expect(judgeViral(300, usual).triggered).toBe(true);
    expect(judgeViral(20, usual).triggered).toBe(false);
  });

  it("gives each post the usual growth of the brand's other posts, as computing it post by post does", () => {
    const rand = seededRandom(11);
    for (const size of [0, 1, 2, 3, 10, 57]) {
      // Ties included: a quiet hour has many posts that grew by the same amount (often none).
      const growths = Array.from({ length: size }, () => (rand() < 0.3 ? 0 : Math.round(rand() * 50) * (rand() < 0.1 ? 40 : 1)));
      const oneByOne = growths.map((_, i) => usualGrowth(growths.filter((_, j) => j !== i)));
      expect(usualGrowthOfOthers(growths)).toEqual(oneByOne);
    }
  });
});
