import { Injectable } from '@nestjs/common';
import type { EngagementSnapshot, StoredMention } from './mention.js';
import { mentionKey } from './mention.js';
import type { NegativeHighlight } from '../core/mention/highlight.js';
import { journalHighlightOf, mostEngagingInJournal, observationsOf, type EvidenceMention, type JournalHighlight } from '../core/mention/journal.js';
import { JournalPass } from './journal-pass.js';
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

  /**
   * The most engaging mentions of a brand published in [from, to) (of one polarity if given), with their
   * latest engagement, from the journal of the days since `from`: evidence for signals, read in time
   * proportional to the range, never to the stored history.
   */
  async top(q: { brand: string; from: Date; to: Date; polarity?: MentionQuery['polarity']; limit: number }, pass?: JournalPass): Promise<EvidenceMention[]> {
    const until = new Date(q.to.getTime() + 1);
    return mostEngagingInJournal(pass ? await pass.entries(q.from, until) : await this.repo.journal(q.from, until), { brand: q.brand, from: q.from.getTime(), to: q.to.getTime(), polarity: q.polarity, limit: q.limit });
  }

  /**
   * Short copies of the given mentions, each read by `_id` from the partition of its publication day
   * (journal entries say which), never by a scan of the stored history: evidence for viral posts.
   */
  async highlights(refs: readonly { key: string; day: string }[]): Promise<Map<string, JournalHighlight>> {
    const out = new Map<string, JournalHighlight>();
    for (const { key, day } of refs) {
      const doc = await this.repo.docAt(key, day);
      if (doc) out.set(key, journalHighlightOf(doc));
    }
    return out;
  }

  /** One mention with its latest engagement. */
  async get(platform: string, externalId: string, now: Date): Promise<PublicMention | null> {
    const key = mentionKey(platform, externalId);
    const [m] = await this.repo.byIds([key]);
    if (!m) return null;
    const latest = (await this.repo.snapshotsOf(key, m.firstSeenAt, new Date(now.getTime() + 1))).pop();
    return strip(latest ? { ...m, engagement: { likes: latest.likes, shares: latest.shares, comments: latest.comments, views: latest.views }, lastSeenAt: latest.at > m.lastSeenAt ? latest.at : m.lastSeenAt } : m);
  }

  /** Engagement observations of one mention since it was first seen. */
  async snapshots(q: { platform: string; externalId: string }, now: Date): Promise<EngagementSnapshot[]> {
    const key = mentionKey(q.platform, q.externalId);
    const [m] = await this.repo.byIds([key]);
    return m ? this.repo.snapshotsOf(key, m.firstSeenAt, new Date(now.getTime() + 1)) : [];
  }

  /** Engagement observations in [since, until) (all brands, or one); `pass`: read through a detection pass's journal reads. */
  async snapshotsSince(since: Date, until: Date, brand?: string, pass?: JournalPass): Promise<EngagementSnapshot[]> {
    return pass ? observationsOf(await pass.entries(since, until), brand) : this.repo.snapshotsSince(since, until, brand);
  }

  /** The journal reads of one detection pass: each hour read once for every brand and evidence list (see JournalPass). */
  journalPass(): JournalPass {
    return new JournalPass((hour) => this.repo.journalHour(hour));
  }

  async count(brand?: string): Promise<number> {
    return this.repo.count(brand ? { brand } : {});
  }
}

function strip(m: StoredMention): PublicMention {
  const { counted: _c, rev: _r, ...rest } = m;
  return rest;
}
