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
    older.keep('20261101', new Map([['weibo:x', '20261101:x']]));
    for (let d = 2; d <= OLDER_DAYS_KEPT; d++) older.keep(`202611${String(d).padStart(2, '0')}`, new Map());
    // The 1st was used again, so the 2nd is the least recent when one more day comes.
    expect(await older.storyOf('20261101', 'weibo:x')).toBe('20261101:x');
    older.keep('20261130', new Map());
    expect(await older.storyOf('20261101', 'weibo:x')).toBe('20261101:x');
    await older.storyOf('20261102', 'weibo:y');
    expect(reads).toEqual(['20261102']);
  });
});
