/** Synthetic bucket histories for detection tests: daily and weekly cycles with over-dispersed, seeded noise. */

/** A small seeded generator (mulberry32), so every run of a test sees the same series. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Gamma(shape, 1/shape) variate with mean 1 (Marsaglia–Tsang), the mixing that makes counts negative-binomial. */
function gammaMeanOne(shape: number, rand: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rand);
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(1 - rand()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / shape;
  }
}

function poisson(lambda: number, rand: () => number): number {
  if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(rand)));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

export interface CycleOptions {
  /** Mean count per bucket at the daily average. */
  mean: number;
  days: number;
  bucketMinutes?: number;
  /** Negative-binomial shape: smaller is more over-dispersed. */
  dispersionShape?: number;
  seed?: number;
  /** Epoch ms of the first bucket (a Monday 00:00 UTC by default). */
  start?: number;
}

/** Counts with a daily cycle (peak mid-afternoon, ±60 %), quieter weekends (×0.7) and negative-binomial noise. */
export function dailyCycleCounts(o: CycleOptions): { start: number; count: number }[] {
  const bucketMinutes = o.bucketMinutes ?? 5;
  const rand = seededRandom(o.seed ?? 1);
  const start = o.start ?? Date.UTC(2026, 9, 5);
  const perDay = 1440 / bucketMinutes;
  const out: { start: number; count: number }[] = [];
  for (let i = 0; i < o.days * perDay; i++) {
    const t = start + i * bucketMinutes * 60_000;
    const hour = ((i % perDay) * bucketMinutes) / 60;
    const weekday = new Date(t).getUTCDay();
    const level = o.mean * (1 + 0.6 * Math.sin((2 * Math.PI * (hour - 9)) / 24)) * (weekday === 0 || weekday === 6 ? 0.7 : 1);
    out.push({ start: t, count: poisson(level * gammaMeanOne(o.dispersionShape ?? 4, rand), rand) });
  }
  return out;
}
