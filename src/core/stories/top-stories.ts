import { growthPerHour, negativeShare, type Story } from './story.js';

/** A story as the dashboard and the digest list it beside the top keywords. */
export interface TopStory {
  id: string;
  first: { platform: string; url?: string; author?: string; text: string; publishedAt: Date };
  mentions: number;
  reach: number;
  /** Platforms in the order the story reached them, with when (epoch ms). */
  platforms: { platform: string; at: number; mentions: number }[];
  /** Mentions in the hour before the period's end (or now, if earlier). */
  growthPerHour: number;
  negativeShare: number;
}

/** The largest stories of a period (largest first), each with where it spread and how fast it grows at the period's end. */
export function topStories(stories: readonly Story[], to: Date, now: Date, limit: number): TopStory[] {
  const at = to.getTime() < now.getTime() ? to : now;
  return [...stories]
    .sort((a, b) => b.mentions - a.mentions || b.reach - a.reach || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => ({
      id: s.id,
      first: { platform: s.first.platform, ...(s.first.url ? { url: s.first.url } : {}), ...(s.first.author ? { author: s.first.author } : {}), text: s.first.text, publishedAt: s.first.publishedAt },
      mentions: s.mentions,
      reach: s.reach,
      platforms: Object.entries(s.spread).sort(([, x], [, y]) => x - y).map(([platform, reached]) => ({ platform, at: reached, mentions: s.platforms[platform] ?? 0 })),
      growthPerHour: growthPerHour(s, at),
      negativeShare: Math.round(negativeShare(s) * 100) / 100,
    }));
}
