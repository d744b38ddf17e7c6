import { describe, expect, it } from '@jest/globals';
import { normalizeDate } from './dates.js';

// 2026-11-23 20:30:00 in Shanghai (UTC+8, no DST).
const shanghai = { now: new Date('2026-11-23T12:30:00Z'), timeZone: 'Asia/Shanghai' };
const iso = (v: unknown, ctx = shanghai) => normalizeDate(v, ctx)?.toISOString();

describe('normalizeDate', () => {
  it('reads epoch seconds and milliseconds, as numbers or digit strings', () => {
    expect(iso(1795000000)).toBe('2026-11-18T11:06:40.000Z');
    expect(iso(1795000000123)).toBe('2026-11-18T11:06:40.123Z');
    expect(iso('1795000000')).toBe('2026-11-18T11:06:40.000Z');
    expect(iso(1795000000.5)).toBe('2026-11-18T11:06:40.500Z');
  });

  it('reads ISO 8601 and RFC 2822 with their own offsets', () => {
    expect(iso('2026-11-20T05:12:33-07:00')).toBe('2026-11-20T12:12:33.000Z');
    expect(iso('2026-11-20T09:12:00.000Z')).toBe('2026-11-20T09:12:00.000Z');
    expect(iso('Fri, 20 Nov 2026 08:00:00 GMT')).toBe('2026-11-20T08:00:00.000Z');
  });

  it("reads Weibo's created_at with its numeric offset", () => {
    expect(iso('Sat Nov 21 10:00:00 +0800 2026')).toBe('2026-11-21T02:00:00.000Z');
  });

  it('reads relative times in Chinese and English against now', () => {
    expect(iso('3分钟前')).toBe('2026-11-23T12:27:00.000Z');
    expect(iso('2小时前')).toBe('2026-11-23T10:30:00.000Z');
    expect(iso('3天前')).toBe('2026-11-20T12:30:00.000Z');
    expect(iso('刚刚')).toBe('2026-11-23T12:30:00.000Z');
    expect(iso('2 hours ago')).toBe('2026-11-23T10:30:00.000Z');
    expect(iso('an hour ago')).toBe('2026-11-23T11:30:00.000Z');
    expect(iso('5 mins ago')).toBe('2026-11-23T12:25:00.000Z');
  });

  it('reads day words as wall time in the page time zone', () => {
    expect(iso('昨天 14:02')).toBe('2026-11-22T06:02:00.000Z');
    expect(iso('今天 08:15')).toBe('2026-11-23T00:15:00.000Z');
    expect(iso('yesterday 14:02', { now: shanghai.now, timeZone: 'America/New_York' })).toBe('2026-11-22T19:02:00.000Z');
  });

  it('reads zone-less calendar dates in the page time zone', () => {
    expect(iso('2026-11-20 13:45:12')).toBe('2026-11-20T05:45:12.000Z');
    expect(iso('2026/11/20')).toBe('2026-11-19T16:00:00.000Z');
    expect(iso('11-20 13:45')).toBe('2026-11-20T05:45:00.000Z');
    expect(iso('11月20日')).toBe('2026-11-19T16:00:00.000Z');
    expect(iso('2025年3月2日 09:00')).toBe('2025-03-02T01:00:00.000Z');
    expect(iso('November 20, 2026', { now: shanghai.now, timeZone: 'UTC' })).toBe('2026-11-20T00:00:00.000Z');
    expect(iso('20 Nov 2026', { now: shanghai.now, timeZone: 'UTC' })).toBe('2026-11-20T00:00:00.000Z');
  });

  it('puts a year-less date that would lie in the future into last year', () => {
    expect(iso('12-25')).toBe('2025-12-24T16:00:00.000Z');
  });

  it('honours daylight saving time in the page time zone', () => {
    const ny = { now: new Date('2026-07-10T12:00:00Z'), timeZone: 'America/New_York' };
    expect(iso('2026-07-04 12:00', ny)).toBe('2026-07-04T16:00:00.000Z');
    expect(iso('2026-01-04 12:00', ny)).toBe('2026-01-04T17:00:00.000Z');
  });

  it('returns undefined for text that is not a date', () => {
    expect(iso('soon')).toBeUndefined();
    expect(iso('')).toBeUndefined();
    expect(iso(null)).toBeUndefined();
    expect(iso('13-45')).toBeUndefined();
  });
});
