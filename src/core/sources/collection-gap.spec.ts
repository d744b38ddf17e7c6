import { describe, expect, it } from '@jest/globals';
import { NEW_SOURCE, observeYield, type CollectionHealth, type GapEvent } from './collection-gap.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2);
const SCHEDULE = 15 * 60_000;

/** Runs every 15 minutes yielding `items(i)` at run i; returns the health and the gap events. */
function runs(count: number, items: (i: number) => number, failure?: (i: number) => string | undefined): { health: CollectionHealth; events: (GapEvent & { at: number })[] } {
  let health = NEW_SOURCE;
  const events: (GapEvent & { at: number })[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(T0 + i * SCHEDULE);
    const step = observeYield(health, { at, items: items(i), failure: failure?.(i) }, at);
    health = step.health;
    if (step.event) events.push({ ...step.event, at: (at.getTime() - T0) / HOUR });
  }
  return { health, events };
}

describe(observeYield.name, () => {
  it('learns what a run usually yields, and how often it runs', () => {
    const { health, events } = runs(40, (i) => (i % 2 ? 18 : 22));
    expect(health.runIntervalMs).toBe(SCHEDULE);
    expect(health.expectedYield).toBeGreaterThan(18);
    expect(health.expectedYield).toBeLessThan(22);
    expect(events).toEqual([]);
  });

  it('opens one gap when a source goes silent for longer than its schedule allows, and closes it when items flow again', () => {
    // 6 hours of silence from run 20 (05:00) to run 44 (11:00).
    const { events, health } = runs(60, (i) => (i >= 20 && i < 44 ? 0 : 20));
    expect(events.map((e) => [e.type, e.at])).toEqual([['opened', 6], ['closed', 11]]);
    expect(events[0]).toMatchObject({ since: new Date(T0 + 19 * SCHEDULE), reason: 'yielded 0 items, usually 20' });
    expect(events[1]).toMatchObject({ since: new Date(T0 + 19 * SCHEDULE), until: new Date(T0 + 44 * SCHEDULE) });
    expect(health.gapSince).toBeUndefined();
    expect(health.expectedYield).toBeCloseTo(20);
  });

  it('counts a run far below the usual yield as blind, and says why a failing source is degraded', () => {
    expect(runs(60, (i) => (i >= 20 ? 1 : 50)).events.map((e) => e.type)).toEqual(['opened']);
    const banned = runs(60, () => 20, (i) => (i >= 20 ? 'login wall: the page asks to sign in' : undefined));
    expect(banned.events).toMatchObject([{ type: 'opened', reason: 'login wall: the page asks to sign in' }]);
  });

  it('opens a gap when no run happens at all, checked on the schedule', () => {
    const { health } = runs(10, () => 20);
    const later = new Date(health.lastGoodAt!.getTime() + 2 * HOUR);
    expect(observeYield(health, undefined, later).event).toMatchObject({ type: 'opened', reason: `no run since ${health.lastRunAt!.toISOString()}` });
  });

  it('says nothing about a source it has not yet learnt, or one that is quiet for less than an hour', () => {
    expect(runs(4, () => 20).health.goodRuns).toBe(4);
    expect(runs(60, (i) => (i < 3 ? 20 : 0)).events).toEqual([]);
    expect(runs(60, (i) => (i >= 20 && i < 23 ? 0 : 20)).events).toEqual([]);
  });
});
