import { describe, expect, it } from '@jest/globals';
import { advanceSignal, LIFECYCLE_DEFAULTS, type Observation } from './lifecycle.js';
import type { Signal } from './signal.js';

const t0 = Date.parse('2026-11-20T08:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000);

function reading(minutes: number, overrides: Partial<Observation> = {}): Observation {
  return { brand: 'acme', kind: 'volume_surge', scope: { platform: 'weibo' }, at: at(minutes), triggered: false, elevated: false, strength: 1, evidence: {}, ...overrides };
}

/** Feeds readings in order, returning the events and the final signal. */
function run(readings: Observation[]): { events: string[]; signal?: Signal } {
  let signal: Signal | undefined;
  const events: string[] = [];
  for (const r of readings) {
    const step = advanceSignal(signal, r);
    if (step.event) events.push(step.event);
    signal = step.signal;
  }
  return { events, signal };
}

describe(advanceSignal.name, () => {
  it('opens nothing without a trigger', () => {
    expect(run([reading(0, { elevated: true, strength: 3 })])).toEqual({ events: [], signal: undefined });
  });

  it('opens a signal keyed by brand, kind, scope and start, and updates it while elevated', () => {
    const { events, signal } = run([reading(0, { triggered: true, strength: 6 }), reading(5, { elevated: true, strength: 9 }), reading(10, { elevated: true, strength: 3 })]);
    expect(events).toEqual(['opened', 'updated', 'updated']);
    expect(signal).toMatchObject({
      key: 'acme|volume_surge|weibo//|2026-11-20T08:00:00.000Z',
      status: 'open',
      startedAt: at(0),
      lastSeenAt: at(10),
      strength: 3,
      peakStrength: 9,
    });
  });

  it(`closes after ${LIFECYCLE_DEFAULTS.quietMinutes} minutes without an elevated reading`, () => {
    const { events, signal } = run([reading(0, { triggered: true, strength: 6 }), reading(15), reading(29), reading(30, { strength: 0.5 })]);
    expect(events).toEqual(['opened', 'updated', 'updated', 'closed']);
    expect(signal).toMatchObject({ status: 'closed', endedAt: at(30), lastSeenAt: at(0) });
  });

  it('re-opens the same signal (same key) when the surge returns within the cooling period', () => {
    const first = run([reading(0, { triggered: true }), reading(30)]);
    const { events, signal } = run([reading(0, { triggered: true }), reading(30), reading(30 + LIFECYCLE_DEFAULTS.coolingMinutes, { triggered: true, strength: 7 })]);
    expect(events).toEqual(['opened', 'closed', 'reopened']);
    expect(signal).toMatchObject({ key: first.signal!.key, status: 'open', strength: 7 });
    expect(signal!.endedAt).toBeUndefined();
  });

  it('opens a new signal (new key) when the surge returns after the cooling period', () => {
    const { events, signal } = run([reading(0, { triggered: true }), reading(30), reading(31 + LIFECYCLE_DEFAULTS.coolingMinutes, { triggered: true })]);
    expect(events).toEqual(['opened', 'closed', 'opened']);
    expect(signal!.startedAt).toEqual(at(31 + LIFECYCLE_DEFAULTS.coolingMinutes));
  });
});
