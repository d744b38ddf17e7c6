import { growthPerHour, mentionsBetween, negativeShare, type Story } from './story.js';

/** A story as the dashboard and the digest list it beside the top keywords. */
export interface TopStory {
  id: string;
  first: { platform: string; url?: string; author?: string; text: string; publishedAt: Date };
  /** Mentions published in the period. */
  mentions: number;
  reach: number;
  /** Platforms in the order the story reached them, with when (epoch ms). */
  platforms: { platform: string; at: number; mentions: number }[];
  /** Mentions in the hour before the period's end (or now, if earlier). */
  growthPerHour: number;
  negativeShare: number;
}

/** The largest stories of a period [from, to) by their mentions in it, each with where it spread and how fast it grows at the period's end. */
export function topStories(stories: readonly Story[], period: { from: Date; to: Date }, now: Date, limit: number): TopStory[] {
  const at = period.to.getTime() < now.getTime() ? period.to : now;
  return stories
    .map((s) => ({ s, n: mentionsBetween(s, period.from, period.to) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || b.s.reach - a.s.reach || a.s.id.localeCompare(b.s.id))
    .slice(0, limit)
    .map(({ s, n }) => ({
      id: s.id,
      first: { platform: s.first.platform, ...(s.first.url ? { url: s.first.url } : {}), ...(s.first.author ? { author: s.first.author } : {}), text: s.first.text, publishedAt: s.first.publishedAt },
      mentions: n,
      reach: s.reach,
      platforms: Object.entries(s.spread).sort(([, x], [, y]) => x - y).map(([platform, reached]) => ({ platform, at: reached, mentions: s.platforms[platform] ?? 0 })),
      growthPerHour: growthPerHour(s, at),
      negativeShare: Math.round(negativeShare(s) * 100) / 100,
    }));
}
