import { z } from 'zod';
import { instantSchema } from '../mention/mention-input.js';
import type { SimulatedIncident } from './simulate-rules.js';

/** A period someone marked as a real crisis (or event worth an incident): what the backtest is scored against. */
export const labelledEventSchema = z
  .strictObject({
    start: instantSchema,
    end: instantSchema,
    /** The brand it concerns; any brand of the backtest when left out. */
    brand: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
  })
  .refine((e) => e.end > e.start, { message: '"end" must come after "start"', path: ['end'] });

export type LabelledEvent = z.infer<typeof labelledEventSchema>;

export interface ScoredEvent {
  name?: string;
  brand?: string;
  start: Date;
  end: Date;
  detected: boolean;
  firstIncidentAt?: Date;
  delayMinutes?: number;
}

export interface LabelledScore {
  events: ScoredEvent[];
  detected: number;
  missed: number;
  /** Incidents that opened outside every labelled event of their brand. */
  falseIncidents: number;
  /** Median minutes from an event's start to the first incident inside it, over the detected events. */
  medianDelayMinutes?: number;
}

/**
 * Scores simulated incidents against labelled events: an event is detected when an incident of its brand
 * opened within [start, end]; every incident outside all events is a false one.
 */
export function scoreAgainstLabels(incidents: readonly SimulatedIncident[], events: readonly LabelledEvent[]): LabelledScore {
  const inside = (i: SimulatedIncident, e: LabelledEvent) => (!e.brand || e.brand === i.brand) && i.openedAt >= e.start && i.openedAt <= e.end;
  const scored = events.map((e): ScoredEvent => {
    const first = incidents.filter((i) => inside(i, e)).sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime())[0];
    const base = { ...(e.name ? { name: e.name } : {}), ...(e.brand ? { brand: e.brand } : {}), start: e.start, end: e.end };
    return first ? { ...base, detected: true, firstIncidentAt: first.openedAt, delayMinutes: Math.round((first.openedAt.getTime() - e.start.getTime()) / 60_000) } : { ...base, detected: false };
  });
  const delays = scored.flatMap((e) => (e.delayMinutes === undefined ? [] : [e.delayMinutes])).sort((a, b) => a - b);
  const mid = delays.length >> 1;
  return {
    events: scored,
    detected: delays.length,
    missed: scored.length - delays.length,
    falseIncidents: incidents.filter((i) => !events.some((e) => inside(i, e))).length,
    ...(delays.length ? { medianDelayMinutes: delays.length % 2 ? delays[mid]! : (delays[mid - 1]! + delays[mid]!) / 2 } : {}),
  };
}
