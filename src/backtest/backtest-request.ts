import { z } from 'zod';
import { labelledEventSchema } from '../core/backtest/labelled-events.js';
import { DURATION_PATTERN, parseDuration } from '../core/rules/duration.js';
import type { RulesFile } from '../core/rules/rule.js';
import { formatIssue } from '../platform/config/yaml-errors.js';
import { parseRulesFile } from '../alerts/rules-loader.js';
import { BACKTEST_MAX_DAYS } from './backtest.service.js';

/** The body of POST /api/v1/rules/backtest. */
export const backtestBodySchema = z.strictObject({
  since: z.string().regex(DURATION_PATTERN, 'a duration back from `until`, e.g. 7d, 30d or 36h').default('30d'),
  until: z.coerce.date({ error: 'an ISO 8601 time, e.g. 2026-11-20T08:00:00Z' }).optional(),
  brand: z.string().min(1).optional(),
  rules: z.string().min(1, 'the YAML text of an alerts file (rules, inhibit_rules, quiet_hours); leave it out to replay the current rules').optional(),
  labels: z.array(labelledEventSchema).max(1000).optional(),
});
export type BacktestBody = z.infer<typeof backtestBodySchema>;

/** Something wrong with what the user asked for: the message names the field and the fix. */
export class BacktestInputError extends Error {}

/** The period [until - since, until]; `since` longer than the backtest's bound is refused. */
export function backtestPeriod(since: string, until: Date): { from: Date; to: Date } {
  if (!DURATION_PATTERN.test(since)) throw new BacktestInputError(`since: "${since}" is not a duration (use e.g. 7d, 30d or 36h)`);
  const ms = parseDuration(since);
  if (ms <= 0 || ms > BACKTEST_MAX_DAYS * 86_400_000) throw new BacktestInputError(`since: ${since} is outside 1m..${BACKTEST_MAX_DAYS}d; backtest a longer history in several periods`);
  return { from: new Date(until.getTime() - ms), to: until };
}

/** A candidate alerts file, validated like the daemon's rule files; errors name file, line and key. */
export function candidateRules(text: string, file: string): RulesFile {
  const parsed = parseRulesFile(text, file);
  if (!parsed.ok) throw new BacktestInputError(parsed.issues.map(formatIssue).join('\n'));
  return parsed.value;
}
