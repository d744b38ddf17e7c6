import type { SourceHealth } from '../core/sources/source-health.js';
import type { TargetOutcome } from './source-runner.js';

/** A recorded run, as stored and as `GET /api/v1/sources` shows it. */
export interface SourceRun {
  source: string;
  startedAt: Date;
  durationMs: number;
  outcome: 'ok' | 'degraded' | 'skipped';
  pages: number;
  seen: number;
  new: number;
  updated: number;
  unchanged: number;
  broken: number;
  rejected: number;
  targets: Omit<TargetOutcome, 'blocked'>[];
  /** The failure reason first, then skipped items and ingest rejections (at most 20 each). */
  problems: string[];
}

/** A source's stored health with its run times. */
export interface SourceState extends SourceHealth {
  source: string;
  lastRunAt?: Date;
  lastSuccessAt?: Date;
}
