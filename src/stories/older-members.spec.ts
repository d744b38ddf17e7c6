import { describe, expect, it } from '@jest/globals';
import { OLDER_DAYS_KEPT, OlderMembers } from './older-members.js';

const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');

describe('members of days before the hot window', () => {
  it('answers only for the days it keeps, and then for members and others alike', () => {
    const older = new OlderMembers();
    expect(older.storyOf('20261120', 'weibo:a')).toEqual({ kept: false });
    older.keep('20261120', new Map([['weibo:a', 'story-a']]));
    expect(older.storyOf('20261120', 'weibo:a')).toEqual({ kept: true, story: 'story-a' });
    expect(older.storyOf('20261120', 'weibo:unknown')).toEqual({ kept: true, story: undefined });
  });

  it('keeps only the days used last', () => {
    const older = new OlderMembers();
    older.keep(day(0), new Map([['weibo:x', 'x']]));
    older.keep(day(1), new Map([['weibo:y', 'y']]));
    for (let d = 2; d < OLDER_DAYS_KEPT; d++) older.keep(day(d), new Map());
    // The first day was used again, so the second is the least recent when one more day comes.
    expect(older.storyOf(day(0), 'weibo:x')).toEqual({ kept: true, story: 'x' });
    older.keep(day(OLDER_DAYS_KEPT), new Map());
    expect(older.storyOf(day(0), 'weibo:x')).toEqual({ kept: true, story: 'x' });
    expect(older.storyOf(day(1), 'weibo:y')).toEqual({ kept: false });
  });

  it('leaves out days more than the kept days before the newest day seen', () => {
    const older = new OlderMembers();
    expect(OLDER_DAYS_KEPT).toBe(30);
    older.keep('20261020', new Map([['weibo:old', 'old-story']]));
    older.keep('20261021', new Map([['weibo:old', 'old-story']]));
    expect(older.storyOf('20261020', 'weibo:old', '20261120')).toEqual({ kept: false });
    expect(older.storyOf('20261021', 'weibo:old', '20261120')).toEqual({ kept: true, story: 'old-story' });
    expect(older.covers('20261020', '20261120')).toBe(false);
  });
});
