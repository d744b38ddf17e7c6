import { describe, expect, it } from '@jest/globals';
import { detectLanguage, normaliseLang } from './language.js';

describe(detectLanguage.name, () => {
  it('tells Chinese, English and other scripts apart', () => {
    expect(detectLanguage('送餐太慢了')).toBe('zh');
    expect(detectLanguage('The parcel never came')).toBe('en');
    expect(detectLanguage('配達が遅すぎる')).toBe('other');
    expect(detectLanguage('Доставка опоздала')).toBe('other');
    expect(detectLanguage('12345 !!!')).toBe('other');
  });

  it('counts a mixed post as Chinese once Han characters are a fair share of it', () => {
    expect(detectLanguage('这个真的yyds')).toBe('zh');
    expect(detectLanguage('I went to 北京 last summer and loved every minute')).toBe('en');
  });
});

describe(normaliseLang.name, () => {
  it('maps regional tags to the base language and unknown ones to undefined', () => {
    expect(normaliseLang('zh-Hans-CN')).toBe('zh');
    expect(normaliseLang('EN_us')).toBe('en');
    expect(normaliseLang('fr')).toBeUndefined();
  });
});
