import { describe, expect, it } from '@jest/globals';
import { authorHash, describeSubject, erasedKeyHash, subjectId, urlHash } from './subject.js';

// The digests stored by earlier versions (author.hash, the author index, the erased list, erasure job ids):
// a change of how they are computed must give the same ones, or stored mentions and erasures are not found.
describe('subject hashes', () => {
  it('gives the digests earlier versions stored', () => {
    expect(authorHash('weibo', '小明')).toBe('52959b762284ccb9');
    expect(urlHash('https://example.com/a?b=1')).toBe('u6cb547ac73ee23b');
    expect(erasedKeyHash('x|1')).toBe('5cb218e0ca176e7b30676535');
    expect(subjectId({ mention: 'x|1' })).toBe('03fbc86dd7187a2b85c4');
    expect(describeSubject({ mention: 'x|1' })).toBe('mention 12b2dcf367df3b4a');
  });
});
