import type { TopicKind } from './contribution.js';
import type { LedgerPayload, Runs } from './ledger.js';

/** Keywords and crisis terms per brand and day whose 5-minute runs a topic digest keeps at least (the pass watches 3). */
export const DIGEST_TOPICS = 8;
const WIDTH = 4;
/** Numbers of runs a digest keeps per kind beyond its `DIGEST_TOPICS` busiest: as many as 8 topics with a mention in every slot of a day. */
export const DIGEST_NUMBERS = DIGEST_TOPICS * 288 * (WIDTH + 1);

/**
 * A brand's topics of one UTC day in the form a reader of a few topics' 5-minute series needs (the detection
 * pass: its busiest keywords over 29 days): the runs of the day's `DIGEST_TOPICS` busiest keywords and crisis terms
 * (`k`, `x`, as in a topics payload; more of them on a quiet day, see `topicDigest`), and the names of all of them (`kNames`, `xNames`). A topic kept answers from
 * the digest, a topic not named had nothing that day; only a topic named but not kept needs the day partition.
 */
export interface TopicDigest {
  k?: Runs;
  x?: Runs;
  kNames: string[];
  xNames: string[];
}

function busiest(runsOf: Runs | undefined, keep: number, budget: number): Runs | undefined {
  if (!runsOf) return undefined;
  const total = (runs: number[]) => {
    let sum = 0;
    for (let i = 0; i < runs.length; i += WIDTH + 1) sum += runs[i + 1]!;
    return sum;
  };
  const ranked = Object.entries(runsOf).map(([name, runs]) => ({ name, runs, total: total(runs) }));
  ranked.sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out = Object.create(null) as Runs;
  let used = 0;
  for (const [i, r] of ranked.entries()) {
    used += r.runs.length;
    if (i >= keep && used > budget) break;
    out[r.name] = r.runs;
  }
  return out;
}

/**
 * The digest of a brand's folded topics payload of one day: per kind the runs of its `keep` busiest topics, and of
 * the next busiest as long as all kept runs hold at most `budget` numbers (a small brand's day is kept whole).
 */
export function topicDigest(p: LedgerPayload, keep = DIGEST_TOPICS, budget = DIGEST_NUMBERS): TopicDigest {
  const out: TopicDigest = { kNames: Object.keys(p.k ?? {}), xNames: Object.keys(p.x ?? {}) };
  const k = busiest(p.k, keep, budget);
  const x = busiest(p.x, keep, budget);
  if (k) out.k = k;
  if (x) out.x = x;
  return out;
}

/**
 * One topic's payload of the day from its digest (`undefined` digest: the brand had nothing that day): its runs
 * when kept, an empty payload when the day had none of it; undefined when only the day partition can tell.
 */
export function digestedTopic(d: TopicDigest | undefined, topic: string, kind: TopicKind): LedgerPayload | undefined {
  if (!d) return {};
  const group = kind === 'crisis' ? 'x' : 'k';
  const kept = d[group];
  if (kept && Object.hasOwn(kept, topic)) return { [group]: { [topic]: kept[topic]! } };
  return d[group === 'k' ? 'kNames' : 'xNames'].includes(topic) ? undefined : {};
}
