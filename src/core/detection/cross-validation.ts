/**
 * Leave-one-series-out cross-validation of detector settings: for each series, the candidate with the best
 * pooled score on all the other series is chosen and scored on the held-out one. The held-out scores say how
 * a setting chosen on past data does on a brand it has never seen; the in-sample score (one candidate chosen
 * on all series) is how flattering tuning on the same data is.
 */
export interface FoldResult<C> {
  series: string;
  /** Chosen on the other series. */
  chosen: C;
  heldOut: number;
  /** The held-out series' score under the candidate chosen on all series. */
  inSample: number;
}

export interface CrossValidation<C> {
  folds: FoldResult<C>[];
  /** The candidate chosen on all series together. */
  inSampleChoice: C;
  meanHeldOut: number;
  meanInSample: number;
}

/**
 * `scores[c][s]` is candidate c's result on series s; `pool` combines results of several series into one
 * score (higher is better; NAB normalises sums, so a plain mean would weight short series wrongly).
 * Ties keep the earlier candidate, so list candidates from the most conservative (defaults) on.
 */
export function leaveOneSeriesOut<C, R>(candidates: readonly C[], series: readonly string[], scores: readonly (readonly R[])[], pool: (results: R[]) => number): CrossValidation<C> {
  if (candidates.length === 0 || series.length < 2) throw new Error('cross-validation needs at least one candidate and two series');
  const best = (keep: (s: number) => boolean): number => {
    let at = 0;
    let top = -Infinity;
    candidates.forEach((_, c) => {
      const score = pool(series.flatMap((_, s) => (keep(s) ? [scores[c]![s]!] : [])));
      if (score > top) [at, top] = [c, score];
    });
    return at;
  };
  const all = best(() => true);
  const folds = series.map((name, held) => {
    const c = best((s) => s !== held);
    return { series: name, chosen: candidates[c]!, heldOut: pool([scores[c]![held]!]), inSample: pool([scores[all]![held]!]) };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { folds, inSampleChoice: candidates[all]!, meanHeldOut: mean(folds.map((f) => f.heldOut)), meanInSample: mean(folds.map((f) => f.inSample)) };
}
