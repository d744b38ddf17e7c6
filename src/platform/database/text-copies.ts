import type { mongo } from 'mongoose';
import { REMOVED_ON_REQUEST, redactText } from '../../core/privacy/evidence.js';
import type { CopyKind, HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../../core/privacy/holder.js';
import type { RetentionCutoffs } from '../../core/privacy/retention.js';

type Doc = mongo.Document & { _id: unknown };

/**
 * Copies of a subject's posts held as free text inside a feature's own documents (a case's text and
 * snippet, a story's first and top post): found by the texts and links of the subject's mentions
 * (`needles`), and erased by replacing those texts and the document's author fields. Erasure is rare and
 * reads each collection once; nothing on a hot path uses this.
 */
export class TextCopies {
  constructor(
    private readonly db: () => mongo.Db,
    /** The collections of the feature (their names). */
    private readonly names: RegExp,
    private readonly kind: CopyKind,
    /** Fields holding JSON text (a story packed in `j`): searched and redacted as the values they hold. */
    private readonly packed: readonly string[] = [],
  ) {}

  async find(s: SubjectMentions): Promise<HeldCopy[]> {
    const out: HeldCopy[] = [];
    for (const { name, doc } of await this.holding(s)) out.push({ kind: this.kind, where: `${name}/${String(doc._id)}`, data: doc });
    return out;
  }

  async erase(s: SubjectMentions): Promise<void> {
    for (const { name, doc } of await this.holding(s)) {
      const { _id, ...rest } = redact(doc, s.needles) as Doc;
      for (const f of this.packed) if (rest[f] !== undefined) rest[f] = JSON.stringify(rest[f]);
      await this.db().collection(name).replaceOne({ _id: _id as never }, rest);
    }
  }

  private async holding(s: SubjectMentions): Promise<{ name: string; doc: Doc }[]> {
    if (!s.needles.length) return [];
    const out: { name: string; doc: Doc }[] = [];
    for (const c of await this.db().listCollections({}, { nameOnly: true }).toArray()) {
      if (!this.names.test(c.name)) continue;
      for (const stored of await this.db().collection<Doc>(c.name).find({}).toArray()) {
        const doc = unpackFields(stored, this.packed);
        if (mentions(doc, s.needles)) out.push({ name: c.name, doc });
      }
    }
    return out;
  }
}

function unpackFields(doc: Doc, packed: readonly string[]): Doc {
  const out: Doc = { ...doc };
  for (const f of packed) if (typeof out[f] === 'string') out[f] = JSON.parse(out[f] as string);
  return out;
}

export function mentions(v: unknown, needles: readonly string[]): boolean {
  if (typeof v === 'string') return needles.some((n) => v.includes(n));
  if (Array.isArray(v)) return v.some((x) => mentions(x, needles));
  if (v && typeof v === 'object' && !(v instanceof Date)) return Object.values(v).some((x) => mentions(x, needles));
  return false;
}

/** The value with every needle replaced and every `author` field (name, handle, hash) removed, where a needle was found. */
export function redact(v: unknown, needles: readonly string[]): unknown {
  if (typeof v === 'string') return redactText(v, needles, REMOVED_ON_REQUEST).text;
  if (Array.isArray(v)) return v.map((x) => redact(x, needles));
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const quotes = mentions(v, needles);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, quotes && k === 'author' ? REMOVED_ON_REQUEST : redact(x, needles)]));
  }
  return v;
}

/** A feature's personal-data holder made of text copies (reply cases, stories); each says what retention does to them. */
export abstract class TextCopiesHolder implements PersonalDataHolder {
  constructor(
    readonly name: string,
    private readonly copies: TextCopies,
  ) {}

  find(s: SubjectMentions): Promise<HeldCopy[]> {
    return this.copies.find(s);
  }

  erase(s: SubjectMentions): Promise<void> {
    return this.copies.erase(s);
  }

  abstract purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts>;
}
