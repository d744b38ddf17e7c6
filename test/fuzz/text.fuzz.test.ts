import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseInstant, normalizeDate } from '../../src/core/time/dates.js';
import { createAnalyzer } from '../../src/core/sentiment/index.js';
import { fuzz } from './fuzz.js';

const analyzer = createAnalyzer({ crisisTerms: [{ term: '食物中毒', lang: 'zh', category: 'food_safety', severity: 0.9 }, { term: 'food poisoning', lang: 'en', category: 'food_safety', severity: 0.9 }] });

/** Words the analysers react to, to be glued together in any order with any noise between them. */
const ZH = ['不', '没', '很', '太', '非常', '好', '差', '垃圾', '好吃', '恶心', '食物中毒', '呵呵', '呵呵哒', '[允悲]', '[费解]', '[跪了]', '还行', '不是不好', '！', '？', '……', '哈哈哈', '送达', '绿茶婊', '退款', '阿克米'];
const EN = ['not', 'never', 'very', 'extremely', 'good', 'bad', 'great', 'terrible', 'food poisoning', 'but', 'lol', '!!!', '???', ':)', ':(', 'not bad', 'no', 'hardly', 'refund', 'ALL CAPS', 'kinda', "isn't", 'Acme'];
const NOISE = [' ', '\n', '\t', '😡', '👍', '🙂', '#', '@user', 'http://x.example/a', '\u0000', '\u200b', '\ud800', 'é', 'ＡＢＣ', '１２３', '12', '3.5'];
const words = (list: string[]) => fc.array(fc.oneof(fc.constantFrom(...list), fc.constantFrom(...NOISE), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((w) => w.join(''));
const text = fc.oneof(words(ZH), words(EN), words([...ZH, ...EN]), fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), maxLength: 60 }));

describe('fuzzing the Chinese and English analysers', () => {
  // The first Chinese text loads the bilingual dictionary: outside the time budget.
  beforeAll(() => {
    analyzer.analyze({ text: '阿克米很好', lang: 'zh' });
  }, 60_000);
  for (const lang of ['zh', 'en', undefined] as const) {
    it(`never throws, scores in [-1, 1], and is deterministic (lang ${lang ?? 'detected'})`, () => {
      fuzz(
        `analyser ${lang ?? 'detected'}`,
        fc.property(text, fc.option(fc.oneof(fc.double({ min: 0, max: 10 }), fc.double())), fc.option(fc.oneof(fc.double({ min: 1, max: 10 }), fc.double())), (t, rating, ratingScale) => {
          const input = { text: t, lang, rating: rating ?? undefined, ratingScale: ratingScale ?? undefined };
          const a = analyzer.analyze(input);
          expect(Number.isFinite(a.score)).toBe(true);
          expect(a.score).toBeGreaterThanOrEqual(-1);
          expect(a.score).toBeLessThanOrEqual(1);
          expect(analyzer.analyze(input)).toEqual(a);
          expect(analyzer.analyze(input, { explain: true })).toMatchObject({ score: a.score, label: a.label, crisis: a.crisis, keywords: a.keywords });
        }),
      );
    });
  }
});

const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'America/St_Johns', 'Europe/London'];
const dateText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.array(fc.constantFrom('2026', '-', '11', '20', 'T', ' ', ':', '08', '00', 'Z', '+08:00', '+0800', '年', '月', '日', '昨天', '今天', '前天', '分钟前', '小时前', '天前', '刚刚', 'ago', '3', 'hours', 'yesterday', 'at', 'Nov', 'Sat', 'GMT', ',', '.', '/', '99', '0', '275760', '1e21', '１２'), { maxLength: 12 }).map((p) => p.join('')),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
  fc.date({ noInvalidDate: false }).map((d) => d.toString()),
);
const dateValue = fc.oneof(dateText, fc.double(), fc.integer(), fc.bigInt().map((b) => b.toString()), fc.date({ noInvalidDate: false }), fc.constantFrom(null, undefined, true, {}, []));

const utcOut = (d: Date | undefined) => {
  if (d === undefined) return;
  expect(d).toBeInstanceOf(Date);
  expect(d.toISOString()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
};

describe('fuzzing date normalisation', () => {
  it('normalizeDate never throws and gives a printable UTC instant or nothing', () => {
    fuzz(
      'normalizeDate',
      fc.property(dateValue, fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...ZONES), (value, now, timeZone) => {
        utcOut(normalizeDate(value, { now, timeZone }));
        expect(normalizeDate(value, { now, timeZone })?.getTime()).toBe(normalizeDate(value, { now, timeZone })?.getTime());
      }),
    );
  });

  it('parseInstant never throws: a printable UTC instant or a reason', () => {
    fuzz(
      'parseInstant',
      fc.property(dateValue, (value) => {
        const r = parseInstant(value);
        if (r instanceof Date) utcOut(r);
        else expect(r.problem.length).toBeGreaterThan(0);
      }),
    );
  });
});
