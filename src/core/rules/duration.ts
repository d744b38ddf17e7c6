/** Alertmanager-style durations ("30s", "5m", "1h", "1h30m", "2d") to milliseconds. */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+)(ms|s|m|h|d)/g;
export const DURATION_PATTERN = /^(\d+(ms|s|m|h|d))+$/;

/** Milliseconds in a duration string; throws for text that is not a duration. */
export function parseDuration(text: string): number {
  if (!DURATION_PATTERN.test(text)) throw new Error(`not a duration: "${text}" (use e.g. 30s, 5m, 1h, 1h30m, 2d)`);
  let total = 0;
  for (const [, n, unit] of text.matchAll(PART)) total += Number(n) * UNIT_MS[unit];
  return total;
}
