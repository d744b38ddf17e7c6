import { caseIdOf } from './open-case.js';
import type { Case, CaseMention, Placement } from './case.js';

/** A first mention that repeats its case (its id, link and text): only its time is stored. */
type FirstMentionTime = Pick<CaseMention, 'at'>;

/** A case as its document stores it: see `storedCase`. Documents of earlier builds have this shape too. */
export type StoredCase = Omit<Case, 'mentions' | 'queued'> & {
  mentions: (CaseMention | FirstMentionTime)[];
  queued?: (Placement | string)[];
};

const repeatsCase = (c: Case, m: CaseMention | undefined): m is CaseMention =>
  !!m && caseIdOf(m.id) === c._id && m.text === c.text && m.url === c.url && ('url' in m) === (c.url !== undefined);

/**
 * The document a case is written as. Each field and object of an array item is a field the embedded
 * database types and decodes again in every row, so:
 * - the first mention, when it is the one the case was opened from and repeats the case's text and link
 *   (every case opened by ingest), keeps only its time (`{at}`);
 * - each queue placement `{key, part}` is one string `"<part> <key>"` (a partition name has no space).
 * `readCase` gives the case back as it was.
 */
export function storedCase(c: Case): StoredCase {
  const [first, ...rest] = c.mentions;
  const mentions = repeatsCase(c, first) ? [{ at: first.at }, ...rest] : c.mentions;
  return { ...c, mentions, ...(c.queued ? { queued: c.queued.map((p) => `${p.part} ${p.key}`) } : {}) };
}

/** A case as read, whichever layout stored it: the first mention's id, link and text and the placements put back. */
export function readCase(d: StoredCase): Case {
  const [first, ...rest] = d.mentions;
  const compact = first && !('id' in first);
  const stringPlacements = d.queued?.some((p) => typeof p === 'string');
  if (!compact && !stringPlacements) return d as Case;
  const mentions = compact ? [{ id: d._id.slice(caseIdOf('').length), ...(d.url !== undefined ? { url: d.url } : {}), text: d.text, at: first.at }, ...(rest as CaseMention[])] : (d.mentions as CaseMention[]);
  const fields: Omit<StoredCase, 'queued' | 'mentions'> = d;
  return { ...fields, mentions, ...(d.queued ? { queued: d.queued.map(placementOf) } : {}) };
}

function placementOf(p: Placement | string): Placement {
  if (typeof p !== 'string') return p;
  const space = p.indexOf(' ');
  return { key: p.slice(space + 1), part: p.slice(0, space) };
}
