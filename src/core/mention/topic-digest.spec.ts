import { describe, expect, it } from '@jest/globals';
import { topicSeries, type LedgerPayload } from './ledger.js';
import { digestedTopic, topicDigest, type TopicDigest } from './topic-digest.js';

const DAY = Date.parse('2026-11-19T00:00:00Z');
// slot, total, negative, neutral, positive
const payload: LedgerPayload = {
  k: { delivery: [0, 5, 1, 3, 1, 12, 4, 4, 0, 0], refund: [3, 2, 2, 0, 0], constructor: [5, 1, 0, 1, 0], price: [7, 2, 0, 0, 2] },
  x: { recall: [1, 3, 3, 0, 0] },
};
const roundTrip = (d: TopicDigest): TopicDigest => JSON.parse(JSON.stringify(d)) as TopicDigest;

describe('topic digests', () => {
  it('keep the busiest topics of each kind, ties by name, then the next ones within the budget, and name every topic of the day', () => {
    const d = roundTrip(topicDigest(payload, 2, 0));
    expect(Object.keys(d.k!)).toEqual(['delivery', 'price']);
    expect(Object.keys(d.x!)).toEqual(['recall']);
    expect(d.kNames.sort()).toEqual(['constructor', 'delivery', 'price', 'refund']);
    expect(topicDigest({}, 2)).toEqual({ kNames: [], xNames: [] });
    expect(Object.keys(topicDigest(payload, 2, 20).k!)).toEqual(['delivery', 'price', 'refund']);
    expect(Object.keys(topicDigest(payload).k!)).toEqual(['delivery', 'price', 'refund', 'constructor']);
  });

  it('give a kept topic the same series as the whole payload, nothing for a topic the day did not have, and no answer for one named but not kept', () => {
    const d = roundTrip(topicDigest(payload, 2, 0));
    const series = (p: LedgerPayload, topic: string, kind?: 'keyword' | 'crisis') => topicSeries([{ day: DAY, payload: p }], DAY, DAY + 3_600_000, topic, kind);
    expect(series(digestedTopic(d, 'delivery', 'keyword')!, 'delivery', 'keyword')).toEqual(series(payload, 'delivery', 'keyword'));
    expect(series(digestedTopic(d, 'recall', 'crisis')!, 'recall', 'crisis')).toEqual(series(payload, 'recall', 'crisis'));
    expect(digestedTopic(d, 'pizza', 'keyword')).toEqual({});
    expect(digestedTopic(d, 'delivery', 'crisis')).toEqual({});
    expect(digestedTopic(d, 'refund', 'keyword')).toBeUndefined();
    expect(digestedTopic(d, 'constructor', 'keyword')).toBeUndefined();
    expect(digestedTopic(d, 'toString', 'keyword')).toEqual({});
    expect(digestedTopic(undefined, 'delivery', 'keyword')).toEqual({});
  });
});
