import { dayStart } from '../core/mention/mention-state.js';

/**
 * Days before the newest day seen whose members may be kept in memory (the days used last), so that their
 * re-sightings move their story's reach at once; re-sightings of other days are settled later, a day at a time
 * (see StoriesService.settleLaterReach).
 */
export const OLDER_DAYS_KEPT = 30;
const DAY = 86_400_000;

/**
 * Which story each mention of a day before the hot window joined, for re-sightings that move a story's
 * reach: the days leaving the hot window, and the days a compaction pass read to settle later reach changes,
 * kept in memory, the {@link OLDER_DAYS_KEPT} days used last. Ingest never reads a day here: a day not kept
 * is settled later (reading a day's members whole on the ingest path cost up to a second a day at 100,000
 * stored mentions). A member another daemon stores into a kept day later is not seen here (its reach
 * change is left out).
 */
export class OlderMembers {
  private readonly days = new Map<string, Map<string, string>>();

  /**
   * Whether the day's members are kept, and the story the mention joined (undefined: not a member, stored
   * before stories or erased). A day more than {@link OLDER_DAYS_KEPT} days before `newest`, the newest day this
   * process has seen, is never kept.
   */
  storyOf(day: string, mention: string, newest?: string): { kept: false } | { kept: true; story: string | undefined } {
    const members = this.covers(day, newest) ? this.days.get(day) : undefined;
    if (!members) return { kept: false };
    this.touch(day, members);
    return { kept: true, story: members.get(mention) };
  }

  /** Whether re-sightings of a day may be looked up here: up to {@link OLDER_DAYS_KEPT} days before `newest` (any day without one). */
  covers(day: string, newest?: string): boolean {
    return !newest || dayStart(newest) - dayStart(day) <= OLDER_DAYS_KEPT * DAY;
  }

  /** Takes over a day's members (a day leaving the hot window, or a day a compaction pass read). */
  keep(day: string, members: ReadonlyMap<string, string>): Map<string, string> {
    const kept = this.days.get(day) ?? new Map<string, string>();
    for (const [k, s] of members) kept.set(k, s);
    this.touch(day, kept);
    for (const d of this.days.keys()) {
      if (this.days.size <= OLDER_DAYS_KEPT) break;
      this.days.delete(d);
    }
    return kept;
  }

  /** Moves a day to the end of the map's order (the order is that of last use). */
  private touch(day: string, members: Map<string, string>): void {
    this.days.delete(day);
    this.days.set(day, members);
  }
}
