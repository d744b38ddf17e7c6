import { describe, expect, it } from '@jest/globals';
import type { GroupState } from './group-state.js';
import { nextTimerAt, stepGroup } from './grouping.js';
import { aRule, aSignal } from '../../../test/support/rule-factories.js';

const t0 = new Date('2026-03-02T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const rule = aRule({ group_wait: '30s', group_interval: '5m', repeat_interval: '1h' });

/** Drives the state machine through a list of (second, signals) steps and collects the notifications. */
function run(steps: [number, ReturnType<typeof aSignal>[]][]) {
  let state: GroupState | undefined;
  const notes = [];
  for (const [s, signals] of steps) {
    const r = stepGroup({ rule, state, signals, now: at(s) });
    state = r.nextState;
    if (r.notify) notes.push({ second: s, ...r.notify });
  }
  return { notes, state };
}

describe('stepGroup', () => {
  it('waits group_wait after the first signal, then notifies once for all signals that arrived meanwhile', () => {
    const signals = Array.from({ length: 50 }, (_, i) => aSignal({ key: `s${i}`, lastSeenAt: at(i / 2) }));
    const steps: [number, ReturnType<typeof aSignal>[]][] = signals.map((s, i) => [i / 2, [s]]);
    const { notes } = run([...steps, [30, []]]);
    expect(notes).toHaveLength(1);
    expect(notes[0].second).toBe(30);
    expect(notes[0].reason).toBe('new');
    expect(notes[0].signalKeys).toHaveLength(50);
    expect(notes[0].key).toBe(`negative-surge|brand=acme@${t0.toISOString()}`);
  });

  it('sends an update no sooner than group_interval when a new signal joins', () => {
    const a = aSignal({ key: 'a' });
    const b = aSignal({ key: 'b', lastSeenAt: at(60) });
    const { notes } = run([[0, [a]], [30, []], [60, [b]], [200, []], [330, [{ ...a, lastSeenAt: at(330) }]]]);
    expect(notes.map((n) => [n.second, n.reason])).toEqual([[30, 'new'], [330, 'update']]);
    expect(notes[1].signalKeys).toEqual(['a', 'b']);
  });

  it('repeats after repeat_interval while the group stays open, keeping the alert key', () => {
    const a = (s: number) => aSignal({ key: 'a', lastSeenAt: at(s) });
    const { notes } = run([[0, [a(0)]], [30, []], [1800, [a(1800)]], [3630, [a(3630)]]]);
    expect(notes.map((n) => [n.second, n.reason, n.notifyCount])).toEqual([[30, 'new', 1], [3630, 'repeat', 2]]);
    expect(new Set(notes.map((n) => n.key)).size).toBe(1);
  });

  it('closes the group when its signals end, so a later surge is a new alert', () => {
    const a = aSignal({ key: 'a' });
    const { state } = run([[0, [a]], [30, []], [600, [{ ...a, status: 'closed', endedAt: at(600) }]]]);
    expect(state?.closedAt).toEqual(at(600));
  });

  it('treats an open signal not seen for resolve_timeout as ended', () => {
    const { state } = run([[0, [aSignal({ key: 'a' })]], [30, []], [3600, []]]);
    expect(state?.closedAt).toEqual(at(3600));
  });

  it('holds a due notification while muted and sends it once unmuted', () => {
    const first = stepGroup({ rule, state: undefined, signals: [aSignal()], now: at(0) });
    const muted = stepGroup({ rule, state: first.nextState, signals: [], now: at(30), muted: true });
    expect(muted.notify).toBeUndefined();
    const later = stepGroup({ rule, state: muted.nextState, signals: [], now: at(90) });
    expect(later.notify?.reason).toBe('new');
  });

  it('ignores a closed signal when no group is open', () => {
    expect(stepGroup({ rule, state: undefined, signals: [aSignal({ status: 'closed' })], now: at(0) })).toEqual({ nextState: undefined });
  });

  it('describes the alert with severity, kind, brand and evidence', () => {
    const s = aSignal({ evidence: { observed: 40, expected: 5, negativeShare: 0.7, crisisTerms: ['food poisoning'], topMentions: [{ platform: 'weibo', externalId: '1', text: 'sick after lunch', engagement: 900 }] } });
    const { notes } = run([[0, [s]], [30, []]]);
    expect(notes[0].title).toBe('[P2] negative surge with crisis terms (food poisoning) for acme');
    expect(notes[0].summary).toContain('40 mentions vs ~5 expected; 70% negative');
    expect(notes[0].evidence.topMentions[0].externalId).toBe('1');
    expect(notes[0]).toMatchObject({ slaPolicy: 'one-hour', needsResponse: true, teams: [], channels: ['email'] });
  });
});

describe('nextTimerAt', () => {
  const signalAt = (s: number) => aSignal({ key: 'a', lastSeenAt: at(s) });

  it('is undefined with no open group, and the flush time while one waits', () => {
    expect(nextTimerAt([rule], [], at(0))).toBeUndefined();
    const opened = stepGroup({ rule, state: undefined, signals: [signalAt(0)], now: at(0) }).nextState!;
    expect(nextTimerAt([rule], [opened], at(5))).toEqual(at(30));
  });

  it('is now for a group whose rule is gone or whose flush time passed while it was muted', () => {
    const opened = stepGroup({ rule, state: undefined, signals: [signalAt(0)], now: at(0) }).nextState!;
    expect(nextTimerAt([], [opened], at(5))).toEqual(at(5));
    const muted = stepGroup({ rule, state: opened, signals: [], now: at(30), muted: true }).nextState!;
    expect(nextTimerAt([rule], [muted], at(40))).toEqual(at(40));
  });

  it('lets timer passes at its times alone send what passes every 10 seconds send, and close the group at the same time', () => {
    // Seen at 0 and 1,800 s: one notification at group_wait, a repeat at 1 h, closed an hour after last seen.
    const feed = new Map([[0, [signalAt(0)]], [1800, [signalAt(1800)]]]);
    const everyTen = (): string[] => {
      let state: GroupState | undefined;
      const seen: string[] = [];
      for (let s = 0; s <= 3 * 3600 && !state?.closedAt; s += 10) {
        const r = stepGroup({ rule, state, signals: feed.get(s) ?? [], now: at(s) });
        state = r.nextState;
        if (r.notify) seen.push(`${s}:${r.notify.reason}`);
        if (state?.closedAt) seen.push(`${s}:closed`);
      }
      return seen;
    };
    const jumping = (): string[] => {
      let state: GroupState | undefined;
      const seen: string[] = [];
      const times = [...feed.keys()];
      for (let s: number | undefined = 0; s !== undefined && !state?.closedAt; ) {
        const r = stepGroup({ rule, state, signals: feed.get(s) ?? [], now: at(s) });
        state = r.nextState;
        if (r.notify) seen.push(`${s}:${r.notify.reason}`);
        if (state?.closedAt) seen.push(`${s}:closed`);
        const timer: Date | undefined = state && !state.closedAt ? nextTimerAt([rule], [state], at(s)) : undefined;
        // The next pass: the next signal or the group's timer, on the 10-second grid a scheduler would use.
        const candidates: number[] = [...times.filter((t) => t > s!), ...(timer ? [Math.ceil((timer.getTime() - t0.getTime()) / 10_000) * 10] : [])];
        s = candidates.length ? Math.min(...candidates) : undefined;
      }
      return seen;
    };
    expect(jumping()).toEqual(everyTen());
    expect(everyTen()).toEqual(['30:new', '3630:repeat', '5400:closed']);
  });
});
