import { Injectable, Logger } from '@nestjs/common';
import { addDelta, addEngagementDelta, emptyDeltas, type BucketDeltas } from '../core/mention/contribution.js';
import { engagementOf, engagementTuple, journalHighlightOf, type JournalEntry } from '../core/mention/journal.js';
import type { Engagement } from '../core/mention/mention-input.js';
import { changeKind, utcDay } from '../core/mention/mention-state.js';
import { mentionInputSchema } from '../core/mention/mention-input.js';
import { BrandsService } from '../brands/brands.service.js';
import { StoriesService } from '../stories/stories.service.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { AnalysisService } from './analysis.service.js';
import { LearningService } from '../learning/learning.service.js';
import { BucketsRepository } from './buckets.repository.js';
import { mentionKey, type StoredMention } from './mention.js';
import { knownOf, MentionStates, signatureOf, type KnownMention } from './mention-states.js';
import { MentionsRepository } from './mentions.repository.js';
import { GroupCommit } from './group-commit.js';
import { mentionDoc, type AnalysedMention } from './mention-doc.js';
import { NegativesRepository, type EngagementChange } from './negatives.repository.js';
import { MentionPrivacy } from './mention-privacy.js';

export interface IngestResult {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: { index: number; error: string }[];
  mentions: { id: string; brand: string; platform: string; externalId: string; isNew: boolean }[];
}

interface Prepared extends AnalysedMention {
  index: number;
  /** The result of the call that sent it (calls are written together: see GroupCommit). */
  result: IngestResult;
}

const ZERO = { likes: 0, shares: 0, comments: 0, views: 0 };
/**
 * The one ingest path (push API, import, scrapers, replay): validate → resolve brand → analyse →
 * upsert on (platform, externalId) → change bucket counters by exactly what the write changed →
 * record an engagement snapshot.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  private readonly storedListeners: ((mentions: StoredMention[]) => Promise<void>)[] = [];
  private readonly storiedListeners: ((mentions: StoredMention[]) => Promise<void>)[] = [];
  private readonly revisedListeners: ((mentions: StoredMention[]) => Promise<void>)[] = [];
  private readonly commits: GroupCommit<Prepared>;

  constructor(
    private readonly mentions: MentionsRepository,
    private readonly buckets: BucketsRepository,
    private readonly brands: BrandsService,
    private readonly analysis: AnalysisService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly negatives: NegativesRepository,
    private readonly states: MentionStates,
    private readonly privacy: MentionPrivacy,
    private readonly stories: StoriesService,
    private readonly learning: LearningService,
  ) {
    this.commits = new GroupCommit((items) => this.writeAll(items), keyOf, config.api.maxBatch);
  }

  /** Features that act on newly stored mentions (cases) subscribe here; called after each batch is stored. */
  onStored(listener: (mentions: StoredMention[]) => Promise<void>): void {
    this.storedListeners.push(listener);
  }

  /** Registers a consumer of each batch's new mentions once they are assigned to stories (official replies). */
  onStoried(listener: (mentions: StoredMention[]) => Promise<void>): void {
    this.storiedListeners.push(listener);
  }

  /** Features that act on changed mentions (a merchant reply shown under a review seen before) subscribe here. */
  onRevised(listener: (mentions: StoredMention[]) => Promise<void>): void {
    this.revisedListeners.push(listener);
  }

  async ingest(inputs: unknown[], ctx: { source?: string } = {}): Promise<IngestResult> {
    const started = performance.now();
    const result: IngestResult = { imported: 0, updated: 0, unchanged: 0, rejected: [], mentions: [] };
    await this.commits.submit(await this.prepare(inputs, ctx, result));
    this.count(result, ctx.source, performance.now() - started);
    return result;
  }

  /** Writes prepared mentions (of one or several calls) and what follows from them. */
  private async writeAll(prepared: Prepared[]): Promise<void> {
    const out: WriteOut = { deltas: emptyDeltas(), changes: [], journal: [], engaged: [] };
    let pending = prepared;
    for (let attempt = 0; attempt < 5 && pending.length; attempt++) pending = await this.write(pending, out);
    for (const p of pending) p.result.rejected.push({ index: p.index, error: 'concurrent updates kept conflicting; send it again' });
    await this.afterWrites(out);
  }

  /**
   * What follows the mention writes, each in collections of its own, so they run side by side (on a
   * MongoDB server their round trips overlap; the embedded database queues them on its one connection):
   * counter deltas, highlights, journal, author index, stories then official replies and subscribers (cases).
   * All finish before the batch returns; the first failure is rethrown.
   */
  private async afterWrites(out: WriteOut): Promise<void> {
    const fresh = out.changes.filter((c) => !c.before).map((c) => c.after);
    const revised = out.changes.filter((c) => c.before).map((c) => c.after);
    const settled = await Promise.allSettled([
      ...(revised.length ? this.revisedListeners.map((listener) => listener(revised)) : []),
      this.buckets.apply(out.deltas),
      this.negatives.track(out.changes).then(() => this.negatives.trackEngagement(out.engaged)),
      this.mentions.appendJournal(out.journal),
      this.privacy.indexStored(out.changes.map((c) => c.after)),
      // After stories: official replies need the batch's stories, and a case opened from the batch follows
      // the clock of a live incident of its story. Subscribers run even when stories failed.
      this.stories.record(fresh, out.engaged).then(
        async () => {
          for (const listener of this.storiedListeners) await listener(fresh);
          await this.notifyStored(fresh);
        },
        async (err) => {
          await this.notifyStored(fresh);
          throw err;
        },
      ),
    ]);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async notifyStored(fresh: StoredMention[]): Promise<void> {
    await Promise.all(this.storedListeners.map((listener) => listener(fresh)));
  }

  /** Validates, resolves brands and analyses; the last copy of a repeated key in one batch wins. */
  private async prepare(inputs: unknown[], ctx: { source?: string }, result: IngestResult): Promise<Prepared[]> {
    const byKey = new Map<string, Prepared>();
    const now = this.clock.now();
    for (let index = 0; index < inputs.length; index++) {
      const parsed = mentionInputSchema.safeParse(inputs[index]);
      if (!parsed.success) {
        result.rejected.push({ index, error: parsed.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message}`).join('; ') });
        continue;
      }
      const input = { ...parsed.data, source: parsed.data.source ?? ctx.source };
      const brand = await this.brands.resolve(input.brand);
      if (!brand) {
        result.rejected.push({ index, error: `brand: unknown brand "${input.brand}": add it in goldenhour.yaml or with POST /api/v1/brands` });
        continue;
      }
      // Stored with personal identifiers masked; analysed on the text as written. Erased posts stay out.
      const stored = await this.privacy.admit(input, brand);
      if (!stored) {
        result.unchanged++;
        continue;
      }
      const text = input.title ? `${input.title}\n${input.text}` : input.text;
      const rules = this.analysis.analyze({ text, rating: input.rating, ratingScale: input.ratingScale, lang: input.lang, names: await this.brands.neutralNames(brand.id) }, { cues: await this.learning.inForce(brand.id) });
      const analysis = await this.learning.score(brand.id, text, rules);
      const aspects = this.analysis.aspectsOf(text, rules.lang);
      byKey.set(mentionKey(input.platform, input.externalId), { index, result, input: stored, brand: brand.id, analysis, aspects, observedAt: input.observedAt ?? now });
    }
    return [...byKey.values()];
  }

  /**
   * One optimistic pass; returns what lost a race and must be tried again. No mention collection is read
   * for a mention this process knows (see MentionStates): a new mention costs a key claim and an insert;
   * a re-seen one with new engagement costs the insert of its revision record; only a content change
   * rewrites the mention document. A key another writer claimed is read once from its partitions.
   */
  private async write(items: Prepared[], out: WriteOut): Promise<Prepared[]> {
    const retry: Prepared[] = [];
    const unknown = items.filter((p) => !this.states.get(keyOf(p)));
    const clashed = await this.mentions.claimKeys(unknown.map((p) => ({ key: keyOf(p), day: utcDay(p.input.publishedAt) })));
    const handled = new Set(unknown.filter((p) => !clashed.has(keyOf(p))));
    await this.insertNew([...handled], (p) => utcDay(p.input.publishedAt), out);
    for (const p of unknown.filter((x) => clashed.has(keyOf(x)))) {
      const known = await this.load(keyOf(p), utcDay(p.input.publishedAt));
      if (known === 'missing') {
        // Claimed by a writer that never stored it (it died in between): store it where the claim says.
        const day = (await this.mentions.locate(keyOf(p), utcDay(p.input.publishedAt))) ?? utcDay(p.input.publishedAt);
        handled.add(p);
        if (!(await this.insertNew([p], () => day, out))) retry.push(p);
      } else if (!known) {
        handled.add(p);
        retry.push(p);
      }
    }
    const sighted: Sighting[] = [];
    for (const p of items.filter((x) => !handled.has(x))) {
      // Forgotten meanwhile (a concurrent write of this process clashed on it): read again next attempt.
      const known = this.states.get(keyOf(p));
      const s = known && this.sighting(p, known);
      if (!known) retry.push(p);
      else if (s) sighted.push(s);
    }
    // One insert of revision records for the whole batch: each one that lands makes its change this writer's.
    const lost = await this.mentions.insertRevisions(sighted.map((s) => ({ key: s.key, day: s.known.day, rev: s.known.rev + 1, e: engagementTuple(s.engagement), t: s.p.observedAt })));
    for (const s of sighted) {
      if (lost.has(s.key)) {
        this.states.forget(s.key);
        retry.push(s.p);
      } else await this.apply(s, out);
    }
    return retry;
  }

  /** Stores mentions whose keys this writer claimed; false when a document was already there (then it is re-read). */
  private async insertNew(items: Prepared[], dayOf: (p: Prepared) => string, out: WriteOut): Promise<boolean> {
    const docs = items.map((p) => ({ p, doc: this.toDoc(p, undefined), day: dayOf(p) }));
    const clashed = await this.mentions.insertDocs(docs);
    for (const { p, doc, day } of docs) {
      if (clashed.has(doc._id)) {
        this.states.forget(doc._id);
        continue;
      }
      // Hashed once: the journal entry and the process's knowledge of the mention carry the same signature.
      const signature = signatureOf(doc);
      addDelta(out.deltas, null, doc.counted);
      out.changes.push({ before: null, after: doc });
      out.journal.push(this.entry(doc, day, p.observedAt, signature));
      this.states.set(doc._id, knownOf(doc, day, signature));
      p.result.imported++;
      p.result.mentions.push({ id: doc._id, brand: doc.brand, platform: doc.platform, externalId: doc.externalId, isNew: true });
    }
    return clashed.size === 0;
  }

  /** What a re-sighting of a known mention changes; null (counted as unchanged) when nothing. */
  private sighting(p: Prepared, known: KnownMention): Sighting | null {
    const key = keyOf(p);
    const engagement = { ...ZERO, ...engagementOf(known.e), ...(p.input.engagement ?? {}) };
    const probe = this.toDoc(p, undefined, engagement);
    const kind = changeKind({ content: known.s, day: known.day, engagement: engagementOf(known.e) }, { content: signatureOf(probe), day: utcDay(p.input.publishedAt), engagement });
    if (kind === 'unchanged') {
      p.result.unchanged++;
      p.result.mentions.push({ id: key, brand: probe.brand, platform: probe.platform, externalId: probe.externalId, isNew: false });
      return null;
    }
    return { p, key, known, engagement, probe, content: kind === 'content' };
  }

  /** Applies a re-sighting whose revision record this writer inserted. */
  private async apply(s: Sighting, out: WriteOut): Promise<void> {
    const { p, key, known, engagement, probe } = s;
    const rev = known.rev + 1;
    if (s.content) {
      const old = await this.mentions.docAt(key, known.day);
      const before = old ? { ...old, engagement: engagementOf(known.e), counted: { ...old.counted, ...engagementOf(known.e) } } : null;
      const doc = this.toDoc(p, before ?? undefined, engagement);
      doc.rev = rev;
      const day = utcDay(p.input.publishedAt);
      await this.mentions.replaceDoc(doc, day, known.day);
      const signature = signatureOf(doc);
      addDelta(out.deltas, before?.counted ?? null, doc.counted);
      out.changes.push({ before, after: doc });
      out.journal.push(this.entry(doc, day, p.observedAt, signature));
      this.states.set(key, knownOf(doc, day, signature));
    } else {
      addEngagementDelta(out.deltas, { brand: known.brand, platform: probe.platform, bucket: known.bucket }, engagementOf(known.e), engagement);
      out.journal.push({ k: key, b: known.brand, r: rev, d: known.day, q: known.bucket, t: p.observedAt.getTime(), e: engagementTuple(engagement), p: probe.sentiment.label });
      out.engaged.push({ key, day: known.day, bucket: known.bucket, rev, brand: known.brand, polarity: probe.sentiment.label, engagement, previous: engagementOf(known.e) });
      this.states.set(key, { ...known, rev, e: engagementTuple(engagement) });
    }
    p.result.updated++;
    p.result.mentions.push({ id: key, brand: probe.brand, platform: probe.platform, externalId: probe.externalId, isNew: false });
  }

  /**
   * Reads a mention this process does not know from its partitions into the cache: its document, then
   * the revision records after it. 'missing' when its key is claimed but no document was stored.
   */
  private async load(key: string, likelyDay: string): Promise<KnownMention | 'missing' | null> {
    // Most re-sightings carry the same publication time: look there before asking the key index.
    let day: string | null = likelyDay;
    let doc = await this.mentions.docAt(key, day);
    if (!doc) {
      day = await this.mentions.locate(key, likelyDay);
      if (!day) return null;
      doc = await this.mentions.docAt(key, day);
    }
    if (!doc) return 'missing';
    let known = knownOf(doc, day);
    for (let rev = doc.rev + 1; ; rev++) {
      const r = await this.mentions.revision(key, day, rev);
      if (!r) break;
      known = { ...known, rev, e: r.e };
    }
    this.states.set(key, known);
    return known;
  }

  /** A journal entry of a content change: with the document's signature (`signatureOf`) and highlight. */
  private entry(doc: StoredMention, day: string, at: Date, signature: string): JournalEntry {
    return {
      k: doc._id,
      b: doc.brand,
      r: doc.rev,
      d: day,
      q: doc.counted.bucket,
      t: at.getTime(),
      e: engagementTuple(doc.engagement),
      p: doc.sentiment.label,
      s: signature,
      h: journalHighlightOf(doc),
    };
  }

  private toDoc(p: Prepared, old: StoredMention | undefined, current?: Engagement): StoredMention {
    return mentionDoc(p, old, current, this.config.storeAuthorHandles);
  }

  private count(result: IngestResult, source: string | undefined, ms: number): void {
    const c = this.metrics.counter('goldenhour_mentions_ingested_total', 'Mentions ingested, by outcome', ['outcome', 'source']);
    const s = source ?? 'api';
    if (result.imported) c.inc({ outcome: 'new', source: s }, result.imported);
    if (result.updated) c.inc({ outcome: 'updated', source: s }, result.updated);
    if (result.unchanged) c.inc({ outcome: 'unchanged', source: s }, result.unchanged);
    if (result.rejected.length) c.inc({ outcome: 'rejected', source: s }, result.rejected.length);
    this.metrics.histogram('goldenhour_ingest_batch_seconds', 'Time to ingest one batch', ['source']).observe({ source: s }, ms / 1000);
    if (result.rejected.length) this.logger.warn({ event: 'ingest_rejected', source: s, rejected: result.rejected.length, first: result.rejected[0] });
  }
}

/** A mention write: what was stored before (null for a new one) and what is stored now. */
type Written = { before: StoredMention | null; after: StoredMention };

/** A re-sighting of a known mention that changes something. */
interface Sighting {
  p: Prepared;
  key: string;
  known: KnownMention;
  engagement: Engagement;
  /** The mention as this sighting would store it (analysis, content). */
  probe: StoredMention;
  /** Content changed: the document is rewritten; otherwise engagement only. */
  content: boolean;
}

/** What one ingest call writes after its mention writes: counter deltas, highlight changes, journal entries. */
interface WriteOut {
  deltas: BucketDeltas;
  changes: Written[];
  journal: JournalEntry[];
  engaged: EngagementChange[];
}

const keyOf = (p: Prepared) => mentionKey(p.input.platform, p.input.externalId);
