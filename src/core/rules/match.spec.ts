import { describe, expect, it } from '@jest/globals';
import { matchesRule } from './match.js';
import { aRule, aSignal } from '../../../test/support/rule-factories.js';

const noon = new Date('2026-03-02T04:00:00Z'); // 12:00 in Shanghai, a Monday

describe('matchesRule', () => {
  it('matches any signal when the rule names no conditions', () => {
    expect(matchesRule(aRule({ match: {} }), aSignal({ kind: 'viral_post' }), noon)).toBe(true);
  });

  it('checks kind, brand, platform and topic, ignoring case', () => {
    const rule = aRule({ match: { kinds: ['negative_surge'], brands: ['ACME'], platforms: ['weibo'], topics: ['delivery'] } });
    expect(matchesRule(rule, aSignal({ scope: { platform: 'weibo', topic: 'Delivery' } }), noon)).toBe(true);
    expect(matchesRule(rule, aSignal({ scope: { platform: 'jd', topic: 'delivery' } }), noon)).toBe(false);
    expect(matchesRule(rule, aSignal({ scope: { platform: 'weibo' } }), noon)).toBe(false);
  });

  it('requires the minimum strength at the signal\'s peak', () => {
    const rule = aRule({ match: { min_strength: 4 } });
    expect(matchesRule(rule, aSignal({ strength: 2, peakStrength: 4.5 }), noon)).toBe(true);
    expect(matchesRule(rule, aSignal({ strength: 2, peakStrength: 3 }), noon)).toBe(false);
  });

  it('matches crisis terms by term or by category', () => {
    const signal = aSignal({ evidence: { crisisTerms: ['食物中毒'] } });
    const categoryOf = (t: string) => (t === '食物中毒' ? 'food_safety' : undefined);
    expect(matchesRule(aRule({ match: { crisis: true } }), signal, noon)).toBe(true);
    expect(matchesRule(aRule({ match: { crisis: true } }), aSignal(), noon)).toBe(false);
    expect(matchesRule(aRule({ match: { crisis_terms: ['食物中毒'] } }), signal, noon)).toBe(true);
    expect(matchesRule(aRule({ match: { crisis_categories: ['food_safety'] } }), signal, noon, { categoryOf })).toBe(true);
    expect(matchesRule(aRule({ match: { crisis_categories: ['data_breach'] } }), signal, noon, { categoryOf })).toBe(false);
  });

  it('matches a review aspect the evidence mentions are negative about ("negative on food safety")', () => {
    const rule = aRule({ match: { negative_aspects: ['taste', 'packaging'] } });
    expect(matchesRule(rule, aSignal({ evidence: { negativeAspects: ['delivery', 'taste'] } }), noon)).toBe(true);
    expect(matchesRule(rule, aSignal({ evidence: { negativeAspects: ['delivery'] } }), noon)).toBe(false);
    expect(matchesRule(rule, aSignal(), noon)).toBe(false);
  });

  it('matches a time-of-day window in the rule\'s time zone, including one that wraps midnight', () => {
    const office = aRule({ match: { time_of_day: { from: '09:00', to: '18:00', timezone: 'Asia/Shanghai', days: ['mon', 'tue'] } } });
    const night = aRule({ match: { time_of_day: { from: '22:00', to: '06:00', timezone: 'Asia/Shanghai', days: ['sun'] } } });
    expect(matchesRule(office, aSignal(), noon)).toBe(true);
    expect(matchesRule(office, aSignal(), new Date('2026-03-04T04:00:00Z'))).toBe(false); // Wednesday
    expect(matchesRule(night, aSignal(), new Date('2026-03-01T19:00:00Z'))).toBe(true); // Monday 03:00, window began Sunday
    expect(matchesRule(night, aSignal(), noon)).toBe(false);
  });
});
