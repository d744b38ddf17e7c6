import { NEW_SOURCE, observeYield, YIELD_POLICY, type CollectionHealth, type YieldPolicy } from './collection-gap.js';

/**
 * Collection health per brand × platform. One source can serve several brands (a keyword per brand), and a
 * brand's query can go blind on its own (its search page blocked, its product delisted) while the others
 * still yield. So each source also learns, per brand, what a run usually yields for it; the brand × platform
 * view adds up the sources that collect that platform for the brand. A brand's silence only marks it
 * degraded here: a brand can be genuinely quiet, so collection gaps (and their signals) stay per source.
 */
export interface BrandYield {
  brand: string;
  expectedYield: number;
  goodRuns: number;
  lastYield: number;
  lastRunAt?: Date;
  lastGoodAt?: Date;
  degradedReason?: string;
}

/** The brands' yields after one run that saw `items[brand]` items for each brand it collected. */
export function observeBrandYields(before: readonly BrandYield[], items: Readonly<Record<string, number>>, run: { at: Date; failure?: string }, policy: YieldPolicy = YIELD_POLICY): BrandYield[] {
  const kept = before.filter((b) => !(b.brand in items));
  const updated = Object.entries(items).map(([brand, n]): BrandYield => {
    const prior = before.find((b) => b.brand === brand);
    const start: CollectionHealth = prior ? { ...NEW_SOURCE, ...prior } : NEW_SOURCE;
    const { health } = observeYield(start, { at: run.at, items: n, ...(run.failure ? { failure: run.failure } : {}) }, run.at, policy);
    return {
      brand,
      expectedYield: health.expectedYield,
      goodRuns: health.goodRuns,
      lastYield: health.lastYield,
      ...(health.lastRunAt ? { lastRunAt: health.lastRunAt } : {}),
      ...(health.lastGoodAt ? { lastGoodAt: health.lastGoodAt } : {}),
      ...(health.degradedReason ? { degradedReason: health.degradedReason } : {}),
    };
  });
  return [...kept, ...updated].sort((a, b) => a.brand.localeCompare(b.brand));
}

/** What the health API needs of one source. */
export interface SourceYields {
  source: string;
  platform: string;
  runIntervalMs: number;
  gapSince?: Date;
  brandYields?: readonly BrandYield[];
}

export interface BrandPlatformHealth {
  brand: string;
  platform: string;
  sources: string[];
  /** learning: no source has learnt the brand's usual yield yet; degraded: none has yielded for it for longer than its schedule allows. */
  status: 'learning' | 'ok' | 'degraded' | 'gap';
  /** Items per hour the sources usually collect for the brand (their per-run expectation over their run interval). */
  expectedPerHour: number;
  /** Items per hour of each source's latest run, added up the same way. */
  lastPerHour: number;
  lastGoodAt?: Date;
  degradedReason?: string;
}

/** Brand × platform health from the sources' per-brand yields, at `now`. */
export function brandPlatformHealth(sources: readonly SourceYields[], now: Date, policy: YieldPolicy = YIELD_POLICY): BrandPlatformHealth[] {
  const groups = new Map<string, { source: SourceYields; y: BrandYield }[]>();
  for (const source of sources) {
    for (const y of source.brandYields ?? []) {
      const key = `${y.brand}\u0000${source.platform}`;
      groups.set(key, [...(groups.get(key) ?? []), { source, y }]);
    }
  }
  const perHour = (items: number, intervalMs: number) => (intervalMs > 0 ? (items * 3_600_000) / intervalMs : 0);
  const round = (x: number) => Math.round(x * 10) / 10;
  return [...groups.values()].map((members): BrandPlatformHealth => {
    const { brand } = members[0]!.y;
    const lastGood = Math.max(...members.map((m) => m.y.lastGoodAt?.getTime() ?? -Infinity));
    const learnt = members.filter((m) => m.y.goodRuns >= policy.minRuns);
    const allowance = Math.max(...members.map((m) => Math.max(policy.minAllowanceMs, policy.allowanceRuns * m.source.runIntervalMs)));
    const silent = learnt.length > 0 && now.getTime() - lastGood > allowance;
    const blind = members.some((m) => m.source.gapSince);
    const reasons = members.filter((m) => m.y.degradedReason).map((m) => `${m.source.source}: ${m.y.degradedReason}`);
    return {
      brand,
      platform: members[0]!.source.platform,
      sources: members.map((m) => m.source.source).sort(),
      status: blind ? 'gap' : learnt.length === 0 ? 'learning' : silent ? 'degraded' : 'ok',
      expectedPerHour: round(members.reduce((s, m) => s + perHour(m.y.expectedYield, m.source.runIntervalMs), 0)),
      lastPerHour: round(members.reduce((s, m) => s + perHour(m.y.lastYield, m.source.runIntervalMs), 0)),
      ...(Number.isFinite(lastGood) ? { lastGoodAt: new Date(lastGood) } : {}),
      ...((blind || silent) && reasons.length ? { degradedReason: reasons.join('; ') } : {}),
    };
  }).sort((a, b) => a.brand.localeCompare(b.brand) || a.platform.localeCompare(b.platform));
}
