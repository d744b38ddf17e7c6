import { describe, expect, it } from '@jest/globals';
import { RateWindow } from './rate-window.js';

describe(RateWindow.name, () => {
  it('allows N sends a minute per destination and says when the next one may go', () => {
    const w = new RateWindow();
    const t0 = new Date('2026-11-20T08:00:00Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    expect([0, 1].map((s) => w.reserve('dingtalk a', 2, at(s)))).toEqual([undefined, undefined]);
    expect(w.reserve('dingtalk a', 2, at(2))).toEqual(at(60));
    expect(w.reserve('dingtalk b', 2, at(2))).toBeUndefined();
    expect(w.reserve('dingtalk a', 2, at(60))).toBeUndefined();
  });
});
