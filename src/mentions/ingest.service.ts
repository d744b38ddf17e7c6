import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { addDelta, contributionOf, emptyDeltas, sameContribution, type BucketDeltas } from '../core/mention/contribution.js';
import { mentionInputSchema, type MentionInput } from '../core/mention/mention-input.js';
import type { Analysis } from '../core/sentiment/types.js';
import { BrandsService } from '../brands/brands.service.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { AnalysisService } from './analysis.service.js';
import { BucketsRepository } from './buckets.repository.js';
import { mentionKey, type EngagementSnapshot, type StoredMention } from './mention.js';
import { MentionsRepository } from './mentions.repository.js';
import { NegativesRepository } from './negatives.repository.js';

export interface IngestResult {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: { index: number; error: string }[];
  mentions: { id: string; brand: string; platform: string; externalId: string; isNew: boolean }[];
}

interface Prepared {
  index: number;
  input: MentionInput;
  brand: string;
  analysis: Analysis;
  observedAt: Date;
}

const ZERO = { likes: 0, shares: 0, comments: 0, views: 0 };
const UPDATE_CONCURRENCY = 8;

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The one ingest path (push API, import, scrapers, replay): validate → resolve brand → analyse →
 * upsert on (platform, externalId) → change bucket counters by exactly what the write changed →
 * record an engagement snapshot.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    private readonly mentions: MentionsRepository,
    private readonly buckets: BucketsRepository,
    private readonly brands: BrandsService,
    private readonly analysis: AnalysisService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly negatives: NegativesRepository,
  ) {}

  async ingest(inputs: unknown[], ctx: { source?: string } = {}): Promise<IngestResult> {
    const started = performance.now();
    const result: IngestResult = { imported: 0, updated: 0, unchanged: 0, rejected: [], mentions: [] };
    const prepared = await this.prepare(inputs, ctx, result);
    const deltas = emptyDeltas();
    const snapshots: EngagementSnapshot[] = [];
    const changes: Written[] = [];
    let pending = prepared;
    for (let attempt = 0; attempt < 5 && pending.length; attempt++) {
      pending = await this.write(pending, { deltas, snapshots, changes }, result);
    }
    for (const p of pending) result.rejected.push({ index: p.index, error: 'concurrent updates kept conflicting; send it again' });
    await this.buckets.apply(deltas);
    await this.negatives.track(changes);
    await this.mentions.insertSnapshots(snapshots);
    this.count(result, ctx.source, performance.now() - started);
    return result;
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
      const analysis = this.analysis.analyze({ text: input.title ? `${input.title}\n${input.text}` : input.text, rating: input.rating, ratingScale: input.ratingScale, lang: input.lang });
      byKey.set(mentionKey(input.platform, input.externalId), { index, input, brand: brand.id, analysis, observedAt: input.observedAt ?? now });
    }
    return [...byKey.values()];
  }

  /**
   * One optimistic pass; returns what lost a race and must be tried again. Insert first: a new mention
   * costs one write and no read, because the unique `_id` index answers whether it exists (reads are
   * full scans on FerretDB's SQLite backend, inserts are not). Only the items that already existed are read and updated.
   */
  private async write(items: Prepared[], out: { deltas: BucketDeltas; snapshots: EngagementSnapshot[]; changes: Written[] }, result: IngestResult): Promise<Prepared[]> {
    const { deltas, snapshots, changes } = out;
    const retry: Prepared[] = [];
    const byId = new Map(items.map((p) => [mentionKey(p.input.platform, p.input.externalId), p]));
    const fresh = items.map((p) => this.toDoc(p, undefined));
    const clashed = await this.mentions.insertNew(fresh);
    for (const doc of fresh) {
      if (clashed.has(doc._id)) continue;
      addDelta(deltas, null, doc.counted);
      changes.push({ before: null, after: doc });
      snapshots.push(snapshotOf(doc, byId.get(doc._id)!.observedAt));
      result.imported++;
      result.mentions.push({ id: doc._id, brand: doc.brand, platform: doc.platform, externalId: doc.externalId, isNew: true });
    }
    if (!clashed.size) return retry;
    const existing = new Map((await this.mentions.byIds([...clashed])).map((m) => [m._id, m]));
    await forEachLimited([...clashed], UPDATE_CONCURRENCY, async (id) => {
      const p = byId.get(id)!;
      const old = existing.get(id);
      if (!old) {
        retry.push(p);
        return;
      }
      const doc = this.toDoc(p, old);
      if (unchanged(old, doc)) {
        result.unchanged++;
        result.mentions.push({ id, brand: doc.brand, platform: doc.platform, externalId: doc.externalId, isNew: false });
        return;
      }
      if (!(await this.mentions.replaceAtRev(doc, old.rev))) {
        retry.push(p);
        return;
      }
      addDelta(deltas, old.counted, doc.counted);
      changes.push({ before: old, after: doc });
      if (!sameEngagement(old.engagement, doc.engagement)) snapshots.push(snapshotOf(doc, p.observedAt));
      result.updated++;
      result.mentions.push({ id, brand: doc.brand, platform: doc.platform, externalId: doc.externalId, isNew: false });
    });
    return retry;
  }

  private toDoc(p: Prepared, old: StoredMention | undefined): StoredMention {
    const { input, analysis } = p;
    const engagement = { ...ZERO, ...(old?.engagement ?? {}), ...(input.engagement ?? {}) };
    const author = input.author
      ? {
          name: input.author.name,
          hash: createHash('sha256').update(`${input.platform}:${input.author.handle ?? input.author.name ?? ''}`).digest('hex').slice(0, 16),
          ...(this.config.storeAuthorHandles && input.author.handle ? { handle: input.author.handle } : {}),
          ...(input.author.followers !== undefined ? { followers: input.author.followers } : {}),
        }
      : old?.author;
    const polarity = analysis.label;
    const doc: StoredMention = {
      _id: mentionKey(input.platform, input.externalId),
      brand: p.brand,
      platform: input.platform,
      externalId: input.externalId,
      ...(input.source ? { source: input.source } : {}),
      ...(input.url ? { url: input.url } : {}),
      ...(author ? { author: stripUndefined(author) } : {}),
      ...(input.title ? { title: input.title } : {}),
      text: input.text,
      lang: analysis.lang,
      publishedAt: input.publishedAt,
      firstSeenAt: old?.firstSeenAt ?? p.observedAt,
      lastSeenAt: old && old.lastSeenAt > p.observedAt ? old.lastSeenAt : p.observedAt,
      engagement,
      ...(input.rating !== undefined ? { rating: input.rating } : {}),
      ...(input.ratingScale !== undefined ? { ratingScale: input.ratingScale } : {}),
      sentiment: { score: analysis.score, label: polarity },
      crisis: analysis.crisis,
      keywords: analysis.keywords,
      ...(input.extra ? { extra: input.extra } : {}),
      counted: contributionOf({ brand: p.brand, platform: input.platform, publishedAt: input.publishedAt, polarity, crisisTerms: analysis.crisis.map((c) => c.term), topics: analysis.keywords, engagement }),
      rev: old ? old.rev + 1 : 1,
    };
    return doc;
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
interface Written {
  before: StoredMention | null;
  after: StoredMention;
}

function unchanged(old: StoredMention, doc: StoredMention): boolean {
  return (
    old.text === doc.text &&
    old.title === doc.title &&
    old.url === doc.url &&
    old.rating === doc.rating &&
    old.publishedAt.getTime() === doc.publishedAt.getTime() &&
    sameEngagement(old.engagement, doc.engagement) &&
    sameContribution(old.counted, doc.counted)
  );
}

function sameEngagement(a: StoredMention['engagement'], b: StoredMention['engagement']): boolean {
  return a.likes === b.likes && a.shares === b.shares && a.comments === b.comments && a.views === b.views;
}

function snapshotOf(doc: StoredMention, at: Date): EngagementSnapshot {
  return { mention: doc._id, brand: doc.brand, at, ...doc.engagement };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
