import type { mongo } from 'mongoose';
import { isPlaceholder, redactEvidence, REMOVED_ON_REQUEST, REMOVED_UNDER_RETENTION, type EvidenceEntry } from '../../core/privacy/evidence.js';
import type { CopyKind, HeldCopy, SubjectMentions } from '../../core/privacy/holder.js';
import { mentions, redact } from './text-copies.js';

/** Where a collection keeps evidence lists: `evidence.topMentions`, or `signals.*.topMentions` (one list per array element). */
export interface EvidenceLayout {
  kind: CopyKind;
  path: string;
  /** The time the evidence was taken: retention counts from it. */
  timeField: string;
  /** Where a cause summary ("why it fired") quotes posts, found by the person's texts and links (no post keys there). */
  causePath?: string;
}

/** The parts of a cause summary that quote posts; the rest (terms, platforms, shares) is counts. */
const CAUSE_POSTS = ['first', 'mostEngaged', 'examples'];

type Doc = mongo.Document & { _id: unknown };

/**
 * Copies of mention text in evidence lists (signals, alerts, alert groups, incidents): found and
 * replaced by placeholders that keep platform and engagement, so the lists keep their shape. Used by
 * each feature's personal-data repository on its own collection.
 */
export class EvidenceCopies {
  constructor(
    private readonly col: mongo.Collection<Doc>,
    private readonly layout: EvidenceLayout,
  ) {}

  async find(s: SubjectMentions): Promise<HeldCopy[]> {
    const keys = new Set(s.mentions.map((m) => m.key));
    const out: HeldCopy[] = [];
    for (const doc of await this.candidates(s)) {
      for (const { path, list } of listsOf(doc, this.layout.path)) {
        for (const e of list) if (!isPlaceholder(e) && keys.has(`${e.platform}:${e.externalId}`)) out.push({ kind: this.layout.kind, where: `${this.col.collectionName}/${String(doc._id)}/${path}`, data: e });
      }
      // Only the quoted posts that are the person's (a cause quotes other people's posts too).
      const quoted = causePosts(this.causeOf(doc)).filter((p) => mentions(p, s.needles));
      if (quoted.length) out.push({ kind: this.layout.kind, where: `${this.col.collectionName}/${String(doc._id)}/${this.layout.causePath}`, data: quoted });
    }
    return out;
  }

  async erase(s: SubjectMentions): Promise<void> {
    const keys = new Set(s.mentions.map((m) => m.key));
    for (const doc of await this.candidates(s)) {
      const cause = this.causeOf(doc);
      const extra = cause && mentions(cause, s.needles) ? { [this.layout.causePath!]: redact(cause, s.needles) } : {};
      await this.rewrite(doc, keys, REMOVED_ON_REQUEST, extra);
    }
  }

  /** Replaces every entry of evidence taken before `before` by the retention placeholder, `batch` documents a step. */
  async purge(before: Date, batch: number, pause: () => Promise<void>): Promise<number> {
    let n = 0;
    for (;;) {
      const docs = await this.col.find({ [this.layout.timeField]: { $lt: before }, evidencePurgedAt: { $exists: false } }).limit(batch).toArray();
      for (const doc of docs) n += await this.rewrite(doc, null, REMOVED_UNDER_RETENTION, { evidencePurgedAt: before, ...this.causeWithoutPosts(doc) });
      if (docs.length < batch) return n;
      await pause();
    }
  }

  private async candidates(s: SubjectMentions): Promise<Doc[]> {
    if (!s.mentions.length) return [];
    const ids = [...new Set(s.mentions.map((m) => m.key.slice(m.key.indexOf(':') + 1)))];
    // Served by an index on MongoDB for a plain path; a nested one (alert groups) or a cause summary reads the collection.
    const filter = this.layout.path.includes('*') || this.layout.causePath ? {} : { [`${this.layout.path}.externalId`]: { $in: ids } };
    return this.col.find(filter).toArray();
  }

  private causeOf(doc: Doc): Record<string, unknown> | undefined {
    const cause = this.layout.causePath && at(doc, this.layout.causePath);
    return cause && typeof cause === 'object' ? (cause as Record<string, unknown>) : undefined;
  }

  /** Under retention a cause summary keeps its counts and loses the posts it quotes. */
  private causeWithoutPosts(doc: Doc): Record<string, unknown> {
    const cause = this.causeOf(doc);
    return cause ? { [this.layout.causePath!]: Object.fromEntries(Object.entries(cause).filter(([k]) => !CAUSE_POSTS.includes(k))) } : {};
  }

  private async rewrite(doc: Doc, keys: ReadonlySet<string> | null, placeholder: string, extra: Record<string, unknown> = {}): Promise<number> {
    const set: Record<string, unknown> = { ...extra };
    let changed = 0;
    for (const { path, list } of listsOf(doc, this.layout.path)) {
      const r = redactEvidence(list, keys, placeholder);
      if (r.changed) set[path] = r.list;
      changed += r.changed;
    }
    if (Object.keys(set).length) await this.col.updateOne({ _id: doc._id as never }, { $set: set });
    return changed;
  }
}

/** The evidence lists of a document at a path whose `*` stands for each element of an array. */
/** The posts a cause summary quotes. */
function causePosts(cause: Record<string, unknown> | undefined): unknown[] {
  if (!cause) return [];
  return CAUSE_POSTS.flatMap((k) => (Array.isArray(cause[k]) ? (cause[k] as unknown[]) : cause[k] ? [cause[k]] : []));
}

const at = (o: unknown, p: string) => p.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

function listsOf(doc: Doc, path: string): { path: string; list: EvidenceEntry[] }[] {
  const [head, tail] = path.split('.*.') as [string, string | undefined];
  if (tail === undefined) {
    const list = at(doc, head);
    return Array.isArray(list) ? [{ path: head, list: list as EvidenceEntry[] }] : [];
  }
  const items = at(doc, head);
  if (!Array.isArray(items)) return [];
  return items.flatMap((item, i) => {
    const list = at(item, tail);
    return Array.isArray(list) ? [{ path: `${head}.${i}.${tail}`, list: list as EvidenceEntry[] }] : [];
  });
}
