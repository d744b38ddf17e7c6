import { describe, expect, it } from '@jest/globals';
import { BUCKET_MS, firstAtOrAfter } from './bucket.js';

describe('firstAtOrAfter', () => {
  it('finds the first point starting at or after t, as a scan from the front does', () => {
    for (const n of [0, 1, 2, 7, 288]) {
      const points = Array.from({ length: n }, (_, i) => ({ start: 1_000 * BUCKET_MS + i * BUCKET_MS }));
      for (let t = 998 * BUCKET_MS; t <= (1_002 + n) * BUCKET_MS; t += BUCKET_MS / 2) {
        const scan = points.findIndex((p) => p.start >= t);
        expect(firstAtOrAfter(points, t)).toBe(scan < 0 ? n : scan);
      }
    }
  });
});
