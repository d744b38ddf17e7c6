import { describe, expect, it } from '@jest/globals';
import { parsePath, selectAll, selectFirst, textOf } from './json-path.js';

const page = {
  data: { cards: [{ mblog: { id: 1 } }, { card_group: [{ mblog: { id: 2 } }] }, { mblog: { id: 3 } }] },
  includes: { users: [{ id: 'u1', username: 'jane' }, { id: 'u2', username: 'bob' }] },
  tweets: [{ id: 't1', author_id: 'u2' }],
};

describe('json paths', () => {
  it('fans out with [*] and drops missing values', () => {
    expect(selectAll('data.cards[*].mblog.id', page)).toEqual([1, 3]);
    expect(selectAll('data.cards[*].card_group[*].mblog.id', page)).toEqual([2]);
  });

  it('indexes arrays, also at the start of a path', () => {
    expect(selectFirst('[1][0]', [['a'], ['b', 'c']])).toBe('b');
    expect(selectFirst('data.cards[-1].mblog.id', page)).toBe(3);
  });

  it('matches elements by a constant or by a value read from the current item', () => {
    expect(selectFirst('includes.users[id=u1].username', page)).toBe('jane');
    expect(selectFirst('$.includes.users[id=@author_id].username', page.tweets[0], page)).toBe('bob');
    expect(selectFirst('link[attributes.rel=next].attributes.href', { link: [{ attributes: { rel: 'self', href: 'a' } }, { attributes: { rel: 'next', href: 'b' } }] })).toBe('b');
  });

  it('reads XML text nodes that carry attributes', () => {
    expect(textOf({ '#text': 'CBMi', '@_isPermaLink': 'false' })).toBe('CBMi');
  });

  it('rejects a malformed path with the place it broke', () => {
    expect(() => parsePath('a[b')).toThrow('malformed path "a[b" near "[b"');
  });
});
