import { Injectable } from '@nestjs/common';
import { growthPerHour, judgeViral, usualGrowthOfOthers, VIRAL_POST_DEFAULTS } from '../core/detection/viral-post.js';
import { evidenceItemOf } from '../core/detection/signal.js';
import type { EngagementSnapshot } from '../mentions/mention.js';
import type { JournalPass } from '../mentions/journal-pass.js';
import { MentionsService } from '../mentions/mentions.service.js';
import type { ScopedReadings } from './scoped-reading.js';

/**
 * Viral-post readings of a brand from the engagement snapshots of the last two windows: each post's
 * reposts + comments gained per hour, judged against the absolute bar and the brand's usual growth.
 * An elevated post carries itself as evidence (its short copy and latest engagement), so the alert and
 * the incident show the post that spreads, and its crisis terms.
 */
@Injectable()
export class ViralPosts {
  constructor(private readonly mentions: MentionsService) {}

  /** `journal`: the pass's journal reads (each hour read once for every brand); none: this brand's own. */
  async readings(brand: string, now: Date, journal?: JournalPass): Promise<ScopedReadings[]> {
    const since = new Date(now.getTime() - 2 * VIRAL_POST_DEFAULTS.windowMinutes * 60_000);
    const byMention = new Map<string, EngagementSnapshot[]>();
    for (const s of await this.mentions.snapshotsSince(since, new Date(now.getTime() + 1), brand, journal)) (byMention.get(s.mention) ?? byMention.set(s.mention, []).get(s.mention)!).push(s);
    const growth = [...byMention].map(([mentionKey, snaps]) => ({ mentionKey, g: growthPerHour(snaps, now) }));
    const usual = usualGrowthOfOthers(growth.map(({ g }) => g));
    const elevated: { mentionKey: string; g: number; latest: EngagementSnapshot; verdict: ReturnType<typeof judgeViral> }[] = [];
    growth.forEach(({ mentionKey, g }, i) => {
      const verdict = judgeViral(g, usual[i]!);
      if (verdict.elevated) elevated.push({ mentionKey, g, verdict, latest: byMention.get(mentionKey)!.reduce((a, b) => (b.at > a.at ? b : a)) });
    });
    const posts = await this.mentions.highlights(elevated.map(({ mentionKey, latest }) => ({ key: mentionKey, day: latest.day })));
    return elevated.map(({ mentionKey, g, verdict, latest }) => {
      const post = posts.get(mentionKey);
      const evidence = {
        growthPerHour: Math.round(g),
        observed: latest.shares + latest.comments,
        ...(post ? { topMentions: [evidenceItemOf(post, latest)] } : {}),
        ...(post?.crisisTerms.length ? { crisisTerms: post.crisisTerms } : {}),
      };
      return { kind: 'viral_post' as const, scope: { mentionKey }, readings: [{ at: now, ...verdict, evidence }] };
    });
  }
}
