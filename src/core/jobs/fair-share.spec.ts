import { describe, expect, it } from '@jest/globals';
import { fairShare, liveDaemons, mayTakeUnit } from './fair-share.js';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 8, 0, s));

describe('sharing scheduled units between daemons', () => {
  it('splits the units evenly among the live daemons, rounding up so every unit has a taker', () => {
    expect(fairShare(12, 3)).toBe(4);
    expect(fairShare(13, 3)).toBe(5);
    expect(fairShare(2, 3)).toBe(1);
    expect(fairShare(5, 0)).toBe(5);
  });

  it('counts a daemon live while its heartbeat is younger than one lease time', () => {
    expect(liveDaemons([{ id: 'a', seenAt: at(10) }, { id: 'b', seenAt: at(4) }, { id: 'c', seenAt: at(3) }], at(11), 8_000)).toBe(2);
  });

  it('does not count a daemon whose run-out lease was taken from it, until it beats again', () => {
    const seen = [{ id: 'a', seenAt: at(10) }, { id: 'b', seenAt: at(9) }];
    expect(liveDaemons(seen, at(11), 8_000, new Map([['b', at(10)]]))).toBe(1);
    expect(liveDaemons(seen, at(11), 8_000, new Map([['b', at(8)]]))).toBe(2);
  });

  it('takes a free unit while under its share, and a given-back one beyond it only once it has been free for half a lease', () => {
    expect(mayTakeUnit(1, { since: at(10), givenBack: true }, at(10), 8_000)).toBe(true);
    expect(mayTakeUnit(1, { givenBack: false }, at(10), 8_000)).toBe(true);
    expect(mayTakeUnit(0, { since: at(10), givenBack: true }, at(13), 8_000)).toBe(false);
    expect(mayTakeUnit(0, { since: at(10), givenBack: true }, at(14), 8_000)).toBe(true);
    expect(mayTakeUnit(0, { givenBack: false }, at(14), 8_000)).toBe(false);
  });

  it('takes a unit whose lease ran out at once, whatever its share (the holder died; its heartbeat still counts it live)', () => {
    expect(mayTakeUnit(0, { since: at(10), givenBack: false }, at(10), 8_000)).toBe(true);
    expect(mayTakeUnit(-1, { since: at(10), givenBack: false }, at(10), 8_000)).toBe(true);
  });
});
