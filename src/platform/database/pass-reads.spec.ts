import { describe, expect, it } from '@jest/globals';
import { PassReads } from './pass-reads.js';

describe('PassReads', () => {
  it('reads each key once for all its callers, concurrent or later', async () => {
    const asked: string[] = [];
    const reads = new PassReads(async (key: string) => {
      asked.push(key);
      return key.length;
    });
    expect(await Promise.all([reads.get('ab'), reads.get('ab'), reads.get('abc')])).toEqual([2, 2, 3]);
    expect(await reads.get('ab')).toBe(2);
    expect(asked).toEqual(['ab', 'abc']);
  });

  it('drops a failed read, so a later caller reads again', async () => {
    let calls = 0;
    const reads = new PassReads(async (key: string) => {
      if (++calls === 1) throw new Error('database away');
      return key;
    });
    await expect(reads.get('k')).rejects.toThrow('database away');
    expect(await reads.get('k')).toBe('k');
    expect(calls).toBe(2);
  });
});
