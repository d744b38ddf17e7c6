import { describe, expect, it } from '@jest/globals';
import { splitEnglish } from '../text/english-tokens.js';
import { scoreEnglish } from './english.js';

const score = (text: string): number => scoreEnglish(text, splitEnglish(text), null);

describe(scoreEnglish.name, () => {
  it('reads a post that signs off with an emoticon as the emoticon says: words pulling against it weigh half', () => {
    const teasing = score('you goof, I forgot my keys again ;)');
    expect(teasing).toBeGreaterThan(0);
    expect(score('you goof, I forgot my keys again ;) #monday http://x.co/1')).toBe(teasing);
    // Only a closing emoticon frames the post; one at the start is one word among others.
    expect(score(';) you goof, I forgot my keys again')).toBeLessThan(teasing);
    expect(score('lovely, the train is late again :(')).toBeLessThan(0);
  });

  it('reads "too" before an unrated word as a fault, and leaves "too funny" and "me too" alone', () => {
    expect(score('the second act is too long')).toBeLessThan(0);
    expect(score('that is too funny')).toBeGreaterThan(0);
    expect(score('I loved it too.')).toBeGreaterThan(0);
  });

  it('reads a negated "enough" as a shortfall', () => {
    expect(score("the plot isn't clever enough")).toBeLessThan(0);
    expect(score('there is not enough plot here')).toBeLessThan(0);
    expect(score("I can't get enough of it")).toBeGreaterThanOrEqual(0);
  });

  it('lets an adverb of a rated adjective intensify the word after it instead of scoring on its own', () => {
    expect(score('frighteningly dull')).toBeLessThan(score('dull'));
    expect(score('frighteningly good')).toBeGreaterThan(score('good'));
  });

  it('gives a comparing "like" far less weight than the verb', () => {
    expect(score('it plays like a travelogue')).toBeLessThan(score('I like the travelogue'));
    expect(score("I don't like it")).toBeLessThan(0);
  });

  it('does not read "not only", "not just" or "not to mention" as a denial', () => {
    expect(score('not only funny but also moving')).toBeGreaterThan(0);
    expect(score('not to mention brilliant')).toBeGreaterThan(0);
  });

  it('reads "far from" as a negation', () => {
    expect(score('far from perfect')).toBeLessThan(0);
  });

  it('reads "lacks" as a negation of what follows', () => {
    expect(score('the script lacks charm')).toBeLessThan(0);
  });

  it('takes a question opened by a negated auxiliary as an assertion', () => {
    expect(score("Isn't it great?")).toBeGreaterThan(0);
    expect(score("It isn't great.")).toBeLessThan(0);
  });

  it('weighs a negative word a little more than an equally rated positive one', () => {
    expect(score('ugly, yet fun')).toBeLessThan(0);
  });

  it('counts faint praise at half weight', () => {
    expect(score('fine acting, okay effects, a slow plot')).toBeLessThan(0);
    expect(score('decent')).toBeLessThan(score('good'));
  });

  it('reads praise held out of reach as missing', () => {
    expect(score('it could have been a great film')).toBeLessThan(0);
    expect(score('it wants to be profound')).toBeLessThan(0);
    expect(score('the script needs more wit and charm')).toBeLessThan(0);
    expect(score('more dutiful than enchanting')).toBeLessThan(score('dutiful'));
    expect(score('the only good scene is the last one')).toBeLessThan(0);
  });

  it('reads "fails to" and "forgets to" as negating what follows', () => {
    expect(score('it fails to entertain')).toBeLessThan(0);
    expect(score('he forgets to make it entertaining')).toBeLessThan(0);
  });

  it('scores multi-word verdicts and their hyphenated compounds', () => {
    expect(score('the ending leaves a lot to be desired')).toBeLessThan(0);
    expect(score('ultimately let down by the script')).toBeLessThan(0);
    expect(score('a must see')).toBeGreaterThan(0);
    expect(score('a half-baked sequel')).toBeLessThan(0);
    expect(score('it never falls short')).toBeGreaterThan(0);
  });

  it('negates a rated stem with un- or -less', () => {
    expect(score('an uninspired remake')).toBeLessThan(0);
    expect(score('a charmless lead')).toBeLessThan(0);
  });

  it('halves praise inside a question', () => {
    expect(score('Is it funny?')).toBeLessThan(score('It is funny.'));
    expect(score('Is it funny?')).toBeGreaterThan(0);
  });
});
