import { describe, expect, it } from '@jest/globals';
import { OLDER_DAYS_KEPT, OlderMembers } from './older-members.js';

describe('members of days before the hot window', () => {
  it("reads a day's members once, however many of them are seen again", async () => {
    const reads: string[] = [];
    const older = new OlderMembers(async (day) => {
      reads.push(day);
      return [{ _id: `weibo:${day}-a`, s: `${day}:story-a` }, { _id: `weibo:${day}-b`, s: `${day}:story-b` }];
    });
    expect(await older.storyOf('20261120', 'weibo:20261120-a')).toBe('20261120:story-a');
    expect(await older.storyOf('20261120', 'weibo:20261120-b')).toBe('20261120:story-b');
    expect(await older.storyOf('20261120', 'weibo:unknown')).toBeUndefined();
    expect(reads).toEqual(['20261120']);
  });

  it('takes over the days leaving the hot window and keeps only the days used last', async () => {
    const reads: string[] = [];
    const older = new OlderMembers(async (day) => {
      reads.push(day);
      return [];
    });
    const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    older.keep(day(0), new Map([['weibo:x', 'x']]));
    for (let d = 1; d < OLDER_DAYS_KEPT; d++) older.keep(day(d), new Map());
    // The first day was used again, so the second is the least recent when one more day comes.
    expect(await older.storyOf(day(0), 'weibo:x')).toBe('x');
    older.keep(day(OLDER_DAYS_KEPT), new Map());
    expect(await older.storyOf(day(0), 'weibo:x')).toBe('x');
    await older.storyOf(day(1), 'weibo:y');
    expect(reads).toEqual([day(1)]);
  });

  it('leaves out days more than the kept days before the newest day seen, without reading them', async () => {
    const reads: string[] = [];
    const older = new OlderMembers(async (day) => {
      reads.push(day);
      return [{ _id: 'weibo:old', s: 'old-story' }];
    });
    expect(OLDER_DAYS_KEPT).toBe(30);
    expect(await older.storyOf('20261020', 'weibo:old', '20261120')).toBeUndefined();
    expect(await older.storyOf('20261021', 'weibo:old', '20261120')).toBe('old-story');
    expect(reads).toEqual(['20261021']);
  });
});
