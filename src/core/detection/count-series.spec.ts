import { describe, expect, it } from '@jest/globals';
import { parseCountSeries, toCountPoints } from './count-series.js';

describe(parseCountSeries.name, () => {
  it('reads the NAB format and infers the bucket size', () => {
    const s = parseCountSeries('timestamp,value\n2015-02-26 21:42:53,104\n2015-02-26 21:47:53,100\n', 'x.csv');
    expect(s.bucketMinutes).toBe(5);
    expect(s.rows[0]).toEqual({ timestamp: '2015-02-26 21:42:53', time: Date.parse('2015-02-26T21:42:53Z'), value: 104 });
  });

  it('fills missing buckets with zeros and remembers which point each row is', () => {
    const s = parseCountSeries('timestamp,value\n2026-01-01T00:00:00Z,1\n2026-01-01T01:00:00Z,2\n2026-01-01T03:00:00Z,3\n', 'h.csv');
    expect(s.bucketMinutes).toBe(60);
    const { points, pointOfRow } = toCountPoints(s);
    expect(points.map((p) => p.count)).toEqual([1, 2, 0, 3]);
    expect(pointOfRow).toEqual([0, 1, 3]);
  });

  it('names the file, line and fix for a bad header, time, value or order', () => {
    expect(() => parseCountSeries('time,count\n', 'a.csv')).toThrow('a.csv:1: expected the header "timestamp,value"');
    expect(() => parseCountSeries('timestamp,value\nyesterday,1\n', 'b.csv')).toThrow('b.csv:2: timestamp "yesterday" is not a time');
    expect(() => parseCountSeries('timestamp,value\n2026-01-01 00:00:00,-3\n', 'c.csv')).toThrow('c.csv:2: value "-3" must be a non-negative number');
    expect(() => parseCountSeries('timestamp,value\n2026-01-01 00:05:00,1\n2026-01-01 00:10:00,1\n2026-01-01 00:00:00,1\n', 'd.csv')).toThrow('d.csv:4:');
  });
});
