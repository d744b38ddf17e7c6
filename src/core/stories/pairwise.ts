/** Pairwise agreement of a clustering with labels: of the pairs put together, how many belong together (precision), and of those that belong together, how many were put together (recall). */
export interface PairwiseScore {
  precision: number;
  recall: number;
  /** Pairs put together, pairs labelled together, pairs both. */
  predicted: number;
  labelled: number;
  agreed: number;
}

/** Scores predicted story ids against labelled ones, item by item (same index = same post). */
export function pairwiseScore(labelled: readonly string[], predicted: readonly string[]): PairwiseScore {
  const pairs = (counts: Map<string, number>) => [...counts.values()].reduce((n, c) => n + (c * (c - 1)) / 2, 0);
  const tally = (keys: Iterable<string>) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const l = pairs(tally(labelled));
  const p = pairs(tally(predicted));
  const both = pairs(tally(labelled.map((s, i) => `${s}\u0000${predicted[i]}`)));
  return { precision: p ? both / p : 1, recall: l ? both / l : 1, predicted: p, labelled: l, agreed: both };
}
