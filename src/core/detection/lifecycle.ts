import type { Signal, SignalEvidence, SignalKind, SignalScope } from './signal.js';

/** How long a signal stays open without evidence, and how long a closed one can still be re-opened. */
export interface LifecycleOptions {
  /** Close once the strength has been below the closing level this long. */
  quietMinutes: number;
  /** A new surge within this time after closing re-opens the old signal (same key) instead of a new one. */
  coolingMinutes: number;
}

export const LIFECYCLE_DEFAULTS: LifecycleOptions = { quietMinutes: 30, coolingMinutes: 360 };

/** One detector reading for one brand × kind × scope at one time. */
export interface Observation {
  brand: string;
  kind: SignalKind;
  scope: SignalScope;
  at: Date;
  /** The reading starts a surge (opens or re-opens a signal). */
  triggered: boolean;
  /** The reading still supports an open signal. */
  elevated: boolean;
  strength: number;
  evidence: SignalEvidence;
}

export type LifecycleEvent = 'opened' | 'reopened' | 'updated' | 'closed';

export interface LifecycleStep {
  signal?: Signal;
  /** What happened to the signal at this reading; undefined when nothing changed. */
  event?: LifecycleEvent;
}

/** The situation a signal is about (brand × kind × scope): its signals share this prefix of their keys. */
export function scopeKeyOf(brand: string, kind: SignalKind, scope: SignalScope): string {
  // A story's id is appended only when set, so the keys of the other kinds stay what they were.
  return `${brand}|${kind}|${[scope.platform ?? '', scope.topic ?? '', scope.mentionKey ?? '', ...(scope.story ? [scope.story] : [])].join('/')}`;
}

/** Stable key of a signal: one ongoing situation keeps it through updates and re-openings. */
export function signalKey(brand: string, kind: SignalKind, scope: SignalScope, startedAt: Date): string {
  return `${scopeKeyOf(brand, kind, scope)}|${startedAt.toISOString()}`;
}

/**
 * Advances the latest signal of a brand × kind × scope by one reading:
 * open → update while elevated → close after `quietMinutes` without → re-open within `coolingMinutes`.
 */
export function advanceSignal(previous: Signal | undefined, obs: Observation, options: LifecycleOptions = LIFECYCLE_DEFAULTS): LifecycleStep {
  const minutesSince = (t: Date) => (obs.at.getTime() - t.getTime()) / 60_000;
  if (!previous || (previous.status === 'closed' && minutesSince(previous.endedAt ?? previous.lastSeenAt) > options.coolingMinutes)) {
    return obs.triggered ? { signal: open(obs), event: 'opened' } : { signal: previous };
  }
  if (previous.status === 'closed') {
    if (!obs.triggered) return { signal: previous };
    const { endedAt: _ended, ...rest } = previous;
    return { signal: { ...rest, ...reading(previous, obs), status: 'open' }, event: 'reopened' };
  }
  if (obs.triggered || obs.elevated) return { signal: { ...previous, ...reading(previous, obs) }, event: 'updated' };
  if (minutesSince(previous.lastSeenAt) >= options.quietMinutes) {
    return { signal: { ...previous, status: 'closed', strength: obs.strength, endedAt: obs.at }, event: 'closed' };
  }
  return { signal: { ...previous, strength: obs.strength }, event: 'updated' };
}

function open(obs: Observation): Signal {
  return {
    key: signalKey(obs.brand, obs.kind, obs.scope, obs.at),
    brand: obs.brand,
    kind: obs.kind,
    scope: obs.scope,
    status: 'open',
    startedAt: obs.at,
    lastSeenAt: obs.at,
    strength: obs.strength,
    peakStrength: obs.strength,
    evidence: obs.evidence,
  };
}

/** Fields a supporting reading refreshes: evidence always describes the latest evaluated window. */
function reading(previous: Signal, obs: Observation): Pick<Signal, 'lastSeenAt' | 'strength' | 'peakStrength' | 'evidence'> {
  return {
    lastSeenAt: obs.at,
    strength: obs.strength,
    peakStrength: Math.max(previous.peakStrength, obs.strength),
    evidence: obs.evidence,
  };
}
