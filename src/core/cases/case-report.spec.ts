import { describe, expect, it } from '@jest/globals';
import { markReplied, resolve, waitForCustomer } from './case-actions.js';
import { backlogByAge, reportCsv, reportRows } from './case-report-rows.js';
import { bucketMinutes, bucketOf, closingOf, mergeSummaries, percentile, reportDaysOf, summarize, type Closing } from './case-report.js';
import { casePolicySchema } from './case-rules.js';
import { testCase, testPolicy } from '../../../test/support/case-factories.js';

const at = (iso: string) => new Date(iso);
const terms = { policy: testPolicy };
const closing = (id: string, firstReply: number | undefined, resolveMinutes: number, keys = ['all', 'brand=acme', 'owner=li']): Closing => ({ _id: id, day: '20260302', keys, ...(firstReply !== undefined ? { firstReplyMinutes: firstReply } : {}), resolveMinutes });

describe(closingOf.name, () => {
  it('measures a resolved case from opening to first reply and to resolution, less the time spent waiting for the customer', () => {
    const opened = testCase({ owner: 'li' });
    const replied = markReplied(opened, 'https://jd.com/r', 'li', at('2026-03-02T09:30:00Z'));
    const waited = { ...replied, clock: { ...replied.clock, pausedMinutes: 120 } };
    expect(closingOf(resolve(waited, 'li', at('2026-03-03T10:00:00Z')), terms)).toEqual({
      _id: opened._id, day: '20260303', keys: ['all', 'brand=acme', 'platform=jd', 'team=care', 'owner=li'], firstReplyMinutes: 90, resolveMinutes: 26 * 60 - 120,
    });
    expect(closingOf(waitForCustomer(opened, terms, 'li', at('2026-03-02T09:00:00Z')), terms)).toBeNull();
  });

  it('counts working minutes only when the policy keeps business hours', () => {
    const policy = casePolicySchema.parse({ id: 'bh', firstReplyWithinMinutes: 240, resolveWithinMinutes: 1440, businessHours: true });
    const hours = { team: 'care', timezone: 'UTC', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' } as never;
    // Opened Monday 08:00 UTC, resolved Tuesday 10:00: 8 working hours on Monday and 1 on Tuesday.
    expect(closingOf(resolve(testCase(), 'li', at('2026-03-03T10:00:00Z')), { policy, hours })?.resolveMinutes).toBe(9 * 60);
  });
});

describe(summarize.name, () => {
  it('counts closings per key, with the share within 24 hours and percentiles read back within a bucket', () => {
    const s = summarize([closing('a', 30, 600), closing('b', 60, 1500), closing('c', undefined, 20, ['all'])]);
    expect(s['all']).toMatchObject({ closed: 3, replied: 2, within: 2 });
    expect(s['owner=li']).toMatchObject({ closed: 2, replied: 2, within: 1 });
    const median = percentile(s['all']!.resolve, 50)!;
    expect(Math.abs(median - 600) / 600).toBeLessThan(0.15);
    expect(percentile({}, 50)).toBeUndefined();
  });

  it('merges days into the same figures as summing their closings at once', () => {
    const a = [closing('a', 30, 600)];
    const b = [closing('b', 60, 1500), closing('c', 5, 90)];
    expect(mergeSummaries([summarize(a), summarize(b)])).toEqual(summarize([...a, ...b]));
  });

  it('keeps durations in logarithmic buckets whose middle is within 13% of any duration in them', () => {
    for (const m of [1, 7, 59, 240, 1440, 10_000]) expect(Math.abs(bucketMinutes(bucketOf(m)) - m) / m).toBeLessThan(0.13);
  });
});

describe(reportRows.name, () => {
  const now = at('2026-03-10T12:00:00Z');
  const backlog = { all: { '20260310': 2, '20260309': 1, '20260301': 4 }, 'brand=acme': { '20260307': 3 }, 'brand=bolt': { '20260310': 1 } };

  it('buckets the backlog by days since opening', () => {
    expect(backlogByAge(backlog.all, now)).toEqual({ today: 2, '1d': 1, '2-3d': 0, '4-7d': 0, older: 4 });
  });

  it('gives one row per value of the dimension, with closings of the period and cases open now, busiest first', () => {
    const rows = reportRows('brand', summarize([closing('a', 30, 600), closing('b', 60, 1500)]), backlog, now);
    expect(rows.map((r) => [r.value, r.closed, r.open, r.resolvedWithin24h])).toEqual([['acme', 2, 3, 0.5], ['bolt', 0, 1, undefined]]);
    expect(rows[0]!.backlog['2-3d']).toBe(3);
  });

  it('exports rows as CSV that quotes commas and quotes and keeps Chinese as it is', () => {
    const csv = reportCsv(reportRows('owner', summarize([closing('a', 30, 600, ['owner=王, "小"'])]), {}, now));
    expect(csv.split('\r\n')[0]).toBe('dimension,value,closed,replied,firstReplyMedianMinutes,firstReplyP90Minutes,resolveMedianMinutes,resolveP90Minutes,resolvedWithin24h,open,backlog_today,backlog_1d,backlog_2-3d,backlog_4-7d,backlog_older');
    expect(csv.split('\r\n')[1]).toMatch(/^owner,"王, ""小""",1,1,\d+,\d+,\d+,\d+,1,0,0,0,0,0,0$/);
  });
});

describe(`${reportCsv.name} and formulas`, () => {
  it('keeps a spreadsheet from running a name that starts like a formula', () => {
    const csv = reportCsv(reportRows('owner', summarize([closing('a', 30, 600, ['owner==HYPERLINK("x")'])]), {}, new Date('2026-03-10T12:00:00Z')));
    expect(csv.split('\r\n')[1]).toMatch(/^owner,"'=HYPERLINK\(""x""\)",/);
  });
});

describe(reportDaysOf.name, () => {
  const at = (iso: string) => new Date(iso);

  it('ends a period that ends at 00:00 UTC on the day before (the end is exclusive)', () => {
    expect(reportDaysOf(at('2026-11-13T00:00:00Z'), at('2026-11-20T00:00:00Z'), 90)).toEqual({ from: '2026-11-13', to: '2026-11-19' });
  });

  it('includes the day of an end within it', () => {
    expect(reportDaysOf(at('2026-11-13T08:00:00Z'), at('2026-11-20T08:30:00Z'), 90)).toEqual({ from: '2026-11-13', to: '2026-11-20' });
  });

  it('keeps an empty period on its first day, and a long one to its latest days', () => {
    expect(reportDaysOf(at('2026-11-20T00:00:00Z'), at('2026-11-20T00:00:00Z'), 90)).toEqual({ from: '2026-11-20', to: '2026-11-20' });
    expect(reportDaysOf(at('2026-01-01T00:00:00Z'), at('2026-11-21T00:00:00Z'), 7)).toEqual({ from: '2026-11-14', to: '2026-11-20' });
  });
});
