/**
 * Time units the counters are read at. The hour and day rollup documents that used to live here were
 * replaced by the counter ledger (ledger.ts); these stay for the code that floors times to them.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const floorTo = (t: number, unit: number) => t - (((t % unit) + unit) % unit);
