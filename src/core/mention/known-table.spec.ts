import { describe, expect, it } from '@jest/globals';
import { KnownTable, type KnownMention } from './known-table.js';

const entry = (i: number, s = `sig${String(i).padStart(13, '0')}`): KnownMention => ({
  day: `202612${String(1 + (i % 28)).padStart(2, '0')}`,
  rev: i % 7,
  brand: ['acme', 'jd', 'nio'][i % 3]!,
  bucket: 1_796_000_000_000 + i * 300_000,
  e: [i, i * 2 + 0.5, 2 ** 40 + i, 0],
  s,
});

describe('KnownTable', () => {
  it('gives back exactly what was set, for thousands of entries (past its first growth)', () => {
    const t = new KnownTable(10_000);
    for (let i = 0; i < 5_000; i++) t.set(`k${i}`, entry(i));
    expect(t.size).toBe(5_000);
    for (let i = 0; i < 5_000; i++) expect(t.get(`k${i}`)).toEqual(entry(i));
    expect(t.get('absent')).toBeUndefined();
  });

  it('keeps signatures that do not pack into 12 bytes as they are', () => {
    const t = new KnownTable(10);
    const odd = ['short', 'with=padding====', 'seventeen-chars!!', '', 'a+b/c+d/e+f/g+h/'];
    odd.forEach((s, i) => t.set(`k${i}`, entry(i, s)));
    odd.forEach((s, i) => expect(t.get(`k${i}`)?.s).toBe(s));
    // A slot that held an odd signature and then a packable one reads the packable one.
    t.set('k0', entry(0));
    expect(t.get('k0')).toEqual(entry(0));
  });

  it('overwrites in place, and a read returns a copy', () => {
    const t = new KnownTable(10);
    t.set('a', entry(1));
    const read = t.get('a')!;
    read.e[0] = 99;
    expect(t.get('a')).toEqual(entry(1));
    t.set('a', { ...entry(1), rev: 5, e: [1, 2, 3, 4] });
    expect(t.get('a')).toEqual({ ...entry(1), rev: 5, e: [1, 2, 3, 4] });
    expect(t.size).toBe(1);
  });

  it('evicts the least recently used past its capacity; get marks an entry used, peek does not', () => {
    const t = new KnownTable(3);
    for (const k of ['a', 'b', 'c']) t.set(k, entry(k.charCodeAt(0)));
    t.get('a');
    t.peek('b');
    t.set('d', entry(4));
    expect(t.peek('b')).toBeUndefined();
    expect([t.peek('a'), t.peek('c'), t.peek('d')].every(Boolean)).toBe(true);
    // The evicted entry's slot is reused without mixing values.
    t.set('e', entry(5));
    expect(t.peek('c')).toBeUndefined();
    expect(t.get('a')).toEqual(entry('a'.charCodeAt(0)));
    expect(t.get('e')).toEqual(entry(5));
    expect(t.get('d')).toEqual(entry(4));
    expect(t.size).toBe(3);
  });

  it('forgets a key and clears', () => {
    const t = new KnownTable(10);
    t.set('a', entry(1));
    t.set('b', entry(2));
    t.delete('a');
    t.delete('absent');
    expect(t.peek('a')).toBeUndefined();
    t.set('c', entry(3));
    expect(t.get('b')).toEqual(entry(2));
    expect(t.get('c')).toEqual(entry(3));
    t.clear();
    expect(t.size).toBe(0);
    t.set('a', entry(7));
    expect(t.get('a')).toEqual(entry(7));
  });
});
