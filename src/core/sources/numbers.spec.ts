import { describe, expect, it } from '@jest/globals';
import { htmlToText } from './extract.js';
import { parseCount, parseRating } from './numbers.js';

describe(parseCount.name, () => {
  it('reads counts as platforms print them', () => {
    expect(['1,234', '1.2万', '10万+', '3.4k', '2.5M', '12 people found this helpful', 'One person found this helpful', '0'].map(parseCount)).toEqual([
      1234, 12000, 100000, 3400, 2500000, 12, 1, 0,
    ]);
    expect(parseCount('none')).toBeUndefined();
  });
});

describe(parseRating.name, () => {
  it('reads the first number of a rating text', () => {
    expect(['4.0 out of 5 stars', 'Rated 2 out of 5', '4,5'].map(parseRating)).toEqual([4, 2, 4.5]);
  });
});

describe(htmlToText.name, () => {
  it('keeps line breaks, drops tags and scripts, and decodes common, numeric and rare entities', () => {
    expect(htmlToText('<p>Tom &amp; Jerry<br />&#20320;&#x597D;</p><script>x()</script><a href="/t">#话题#</a>')).toBe('Tom & Jerry\n你好\n#话题#');
    expect(htmlToText('caf&eacute; &lt;b&gt;')).toBe('café <b>');
  });
});
