import { Injectable } from '@nestjs/common';
import type { EngagementSnapshot, StoredMention } from './mention.js';
import { mentionKey } from './mention.js';
import type { NegativeHighlight } from '../core/mention/highlight.js';
import { MentionsRepository, type MentionQuery } from './mentions.repository.js';
import { NegativesRepository } from './negatives.repository.js';

export type PublicMention = Omit<StoredMention, 'counted' | 'rev'>;

/** Reads stored mentions (raw mentions are read for lists of a few, never for counting). */
@Injectable()
export class MentionsService {
  constructor(
    private readonly repo: MentionsRepository,
    private readonly negatives: NegativesRepository,
  ) {}

  /** The latest negative mentions of a brand published in [from, to), newest first, as short highlights. */
  async latestNegative(q: { brand: string; from: Date; to: Date; limit: number }): Promise<NegativeHighlight[]> {
    return this.negatives.latest(q.brand, q.from, q.to, q.limit);
  }

  async find(q: MentionQuery): Promise<PublicMention[]> {
    return (await this.repo.find(q)).map(strip);
  }

  /** The most engaging mentions of a brand in a range (of one polarity if given). */
  async top(q: { brand: string; from: Date; to: Date; polarity?: MentionQuery['polarity']; limit: number }): Promise<PublicMention[]> {
    return this.find({ ...q, sort: 'engagement' });
  }

  async get(platform: string, externalId: string): Promise<PublicMention | null> {
    const [m] = await this.repo.byIds([mentionKey(platform, externalId)]);
    return m ? strip(m) : null;
  }

  async snapshots(q: { platform: string; externalId: string }): Promise<EngagementSnapshot[]> {
    return this.repo.snapshotsOf(mentionKey(q.platform, q.externalId));
  }

  /** Engagement snapshots taken since `since` (all brands, or one). */
  async snapshotsSince(since: Date, brand?: string): Promise<EngagementSnapshot[]> {
    return this.repo.snapshotsSince(since, brand);
  }

  /** Mentions whose engagement was observed since `since`. */
  async recentlyEngaged(q: { since: Date; brand?: string; limit?: number }): Promise<PublicMention[]> {
    return (await this.repo.seenSince(q.since, q.brand, q.limit)).map(strip);
  }

  async count(brand?: string): Promise<number> {
    return this.repo.count(brand ? { brand } : {});
  }
}

function strip(m: StoredMention): PublicMention {
  const { counted: _c, rev: _r, ...rest } = m;
  return rest;
}
