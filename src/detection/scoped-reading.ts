import type { BucketReading } from '../core/detection/bucket-readings.js';
import type { SignalKind, SignalScope } from '../core/detection/signal.js';

/** Readings of one detector for one scope of a brand, oldest first. */
export interface ScopedReadings {
  kind: SignalKind;
  scope: SignalScope;
  readings: BucketReading[];
}
