/**
 * Property-based fuzzing with fast-check, bounded in time: each property runs until it has tried
 * `maxRuns` inputs or spent FUZZ_MS milliseconds (3 s unless set), whichever comes first. A failure
 * prints the seed and the shrunk counterexample; keep that input as a regular test and fix the bug.
 * How many inputs each property tried is appended to test/artifacts/fuzz-runs.jsonl.
 */
import fc from 'fast-check';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const FUZZ_MS = Number(process.env.FUZZ_MS ?? 3000);
const ARTIFACTS = join(process.cwd(), 'test/artifacts');

function record(name: string, details: fc.RunDetails<unknown>): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  appendFileSync(join(ARTIFACTS, 'fuzz-runs.jsonl'), `${JSON.stringify({ name, runs: details.numRuns, interrupted: details.interrupted, failed: details.failed, seed: details.seed })}\n`);
}

/** Runs a synchronous property within the time budget; throws fast-check's report on a failure. */
export function fuzz<Ts extends [unknown, ...unknown[]]>(name: string, property: fc.IProperty<Ts>, maxRuns = 1_000_000): number {
  const details = fc.check(property, { numRuns: maxRuns, interruptAfterTimeLimit: FUZZ_MS, markInterruptAsFailure: false });
  record(name, details as fc.RunDetails<unknown>);
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `${name} failed`);
  return details.numRuns;
}

/** Keys a stranger may send: ordinary ones, operator-looking ones, and the ones MongoDB cannot store. */
export const hostileKey = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('$where', '$gt', '$set', '$inc', 'a.b', '__proto__', 'constructor', '', 'a\u0000b', 'text', 'url', 'brand', 'extra', 'author', 'engagement', 'likes'),
  fc.string({ maxLength: 6 }).map((s) => `$${s}`),
);

/** Any JSON-like value with hostile keys, a few levels deep. */
export const hostileValue = fc.anything({ key: hostileKey, maxDepth: 4, maxKeys: 6, withDate: true, withNullPrototype: false, withBoxedValues: false, withSparseArray: false });

/** Every key of a value, at any depth. */
export function allKeys(v: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 50 || v === null || typeof v !== 'object' || v instanceof Date) return out;
  if (Array.isArray(v)) v.forEach((c) => allKeys(c, out, depth + 1));
  else
    for (const [k, c] of Object.entries(v)) {
      out.push(k);
      allKeys(c, out, depth + 1);
    }
  return out;
}
