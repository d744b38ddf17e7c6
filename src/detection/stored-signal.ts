import type { Signal } from '../core/detection/signal.js';

/** One point of a signal's strength over time, as stored with it. */
export interface SignalPoint {
  at: Date;
  strength: number;
  observed?: number;
  expected?: number;
}

/** A signal as stored: the shared `Signal` plus its situation key and strength history. */
export interface StoredSignal extends Signal {
  scopeKey: string;
  history: SignalPoint[];
  updatedAt: Date;
}

export interface SignalFilter {
  brand?: string;
  kind?: Signal['kind'];
  status?: Signal['status'];
  /** Signals seen (open or updated) at or after this time. */
  since?: Date;
  limit: number;
}
