import { describe, expect, it } from '@jest/globals';
import { queueEntryOf, type QueueEntry } from './queue.js';
import { keyCode, keysOfFilter, pageComplete, pageOf, partitionHolds, partitionOf, partitionRange, partitionWidth, queueKeys, readingOrder, spanMinutes, WAITING_PART } from './queue-partitions.js';
import { testCase } from '../../../test/support/case-factories.js';

const at = (iso: string) => new Date(iso);
const entry = (id: string, due: string, waiting?: true): QueueEntry => ({ ...queueEntryOf(testCase({ _id: id }))!, dueAt: at(due), ...(waiting ? { waiting } : {}) });

describe(queueKeys.name, () => {
  it('lists an entry under the whole queue, each filter it matches, and its brand with its platform', () => {
    expect(queueKeys({ brand: 'acme', platform: 'jd', team: 'care', owner: 'li', aspects: ['delivery'] })).toEqual(['all', 'brand=acme', 'platform=jd', 'team=care', 'brand=acme&platform=jd', 'owner=li', 'aspect=delivery']);
  });

  it('reads a filter from the keys that hold all its matches, brand with platform first', () => {
    expect(keysOfFilter({})).toEqual(['all']);
    expect(keysOfFilter({ brand: 'acme', platform: 'jd', owner: 'li' })).toEqual(['brand=acme&platform=jd', 'owner=li', 'brand=acme', 'platform=jd']);
  });
});

describe(partitionWidth.name, () => {
  it('sizes partitions to about fifty entries: minutes for a busy queue, hours for one owner', () => {
    expect(partitionWidth(100_000, 1800)).toBe(1);
    expect(partitionWidth(4_200, 1800)).toBe(20);
    expect(partitionWidth(750, 1800)).toBe(120);
    expect(partitionWidth(0, 0)).toBe(1440);
  });
});

describe(partitionOf.name, () => {
  it('names a partition by its start and width, and knows which due times it holds', () => {
    const p = partitionOf(at('2026-03-02T12:19:59Z'), false, 10);
    expect(p).toBe('202603021210w10');
    expect(partitionRange(p)).toEqual({ start: at('2026-03-02T12:10:00Z').getTime(), end: at('2026-03-02T12:20:00Z').getTime() });
    expect(partitionHolds(p, at('2026-03-02T12:10:00Z'), false)).toBe(true);
    expect(partitionHolds(p, at('2026-03-02T12:20:00Z'), false)).toBe(false);
    expect(partitionOf(at('2026-03-02T12:19:59Z'), true, 10)).toBe(WAITING_PART);
    expect(partitionHolds(WAITING_PART, at('2026-03-02T12:10:00Z'), false)).toBe(false);
  });

  it('reads non-empty partitions by start with waiting last, and measures the span they cover', () => {
    const counts = { [WAITING_PART]: 3, '202603021210w10': 2, '202603021200w60': 5, '202603021220w10': 0 };
    expect(readingOrder(counts)).toEqual(['202603021200w60', '202603021210w10', WAITING_PART]);
    expect(spanMinutes(readingOrder(counts))).toBe(60);
  });
});

describe(pageOf.name, () => {
  it('lists a partition in the directory page of sixty partitions of its width', () => {
    expect(pageOf('202603021210w10')).toBe('202603020400p10');
    expect(partitionRange('202603020400p10')).toEqual({ start: at('2026-03-02T04:00:00Z').getTime(), end: at('2026-03-02T14:00:00Z').getTime() });
    expect(pageOf('202603021219w1')).toBe('202603021200p1');
    expect(pageOf(WAITING_PART)).toBe(WAITING_PART);
  });
});

describe(pageComplete.name, () => {
  it('ends a page only when enough entries are due before anything unread, even when partitions overlap', () => {
    const read = [entry('a', '2026-03-02T12:05:00Z'), entry('b', '2026-03-02T12:40:00Z'), entry('w', '2026-03-02T12:00:00Z', true)];
    expect(pageComplete(read, at('2026-03-02T12:10:00Z').getTime(), 2)).toBe(false);
    expect(pageComplete(read, at('2026-03-02T12:10:00Z').getTime(), 1)).toBe(true);
    expect(pageComplete(read, Infinity, 2)).toBe(true);
  });
});

describe(keyCode.name, () => {
  it('gives any key, Chinese included, a short stable name that tells keys apart', () => {
    expect(keyCode('owner=李雷')).toBe(keyCode('owner=李雷'));
    expect(keyCode('owner=李雷')).not.toBe(keyCode('owner=韩梅梅'));
    expect(keyCode('brand=acme&platform=jd')).toMatch(/^[0-9a-z]{2,14}$/);
  });
});
