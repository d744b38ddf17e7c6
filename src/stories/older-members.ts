import { dayStart } from '../core/mention/mention-state.js';

/**
 * Days before the newest day seen whose re-sightings move their story's reach at once: their members are kept in
 * memory (the days used last). Reading more days than are kept at ingest would read the same partitions again
 * and again; re-sightings of older days are settled later, a day at a time (see StoriesService.settleLaterReach).
 */
export const OLDER_DAYS_KEPT = 30;
const DAY = 86_400_000;

/**
 * Which story each mention of a day before the hot window joined, for re-sightings that move a story's
 * reach: a day's members are read whole the first time a re-sighting of that day needs them (one read of
 * one day partition, however many of its mentions are seen again, never one round trip per mention), or
 * taken over from the hot window as the day leaves it, then kept in memory, the {@link OLDER_DAYS_KEPT}
 * days used last. A member another daemon stores into a kept day later is not seen here (its reach
 * change is left out).
 */
export class OlderMembers {
  private readonly days = new Map<string, Map<string, string>>();

  constructor(private readonly read: (day: string) => Promise<readonly { _id: string; s: string }[]>) {}

  /**
   * The story the mention of that day joined, or undefined (not a member: stored before stories, or erased; or
   * its day more than {@link OLDER_DAYS_KEPT} days before `newest`, the newest day this process has seen).
   */
  async storyOf(day: string, mention: string, newest?: string): Promise<string | undefined> {
    if (!this.covers(day, newest)) return undefined;
    let members = this.days.get(day);
    if (!members) members = this.keep(day, new Map((await this.read(day)).map((m) => [m._id, m.s])));
    else this.touch(day, members);
    return members.get(mention);
  }

  /** Whether re-sightings of a day are looked up here: up to {@link OLDER_DAYS_KEPT} days before `newest` (any day without one). */
  covers(day: string, newest?: string): boolean {
    return !newest || dayStart(newest) - dayStart(day) <= OLDER_DAYS_KEPT * DAY;
  }

  /** Takes over a day's members (a day leaving the hot window, or members stored into a kept day). */
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
