import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createAnalyzer, parseCrisisTerms } from '../sentiment/index.js';
import { DEFAULT_MASKING, isResidentId, luhnValid, maskDeep, maskerFor } from './masking.js';

const mask = maskerFor({ ...DEFAULT_MASKING, orderPatterns: ['JD\\d{10,14}', '订单号?[:：]?\\s*\\d{12,20}'] });

describe(maskerFor.name, () => {
  it('masks Chinese mobile numbers, keeping the first three and last four digits', () => {
    expect(mask('客服不理人，打我电话13812345678').text).toBe('客服不理人，打我电话138****5678');
    expect(mask('call me on +86 138 1234 5678').text).toBe('call me on +86 138 **** 5678');
    expect(mask('电话 139-0000-1111 谢谢').found).toEqual({ phone: 1 });
  });

  it('masks international numbers that start with a country code', () => {
    expect(mask('ring +44 20 7946 0958 anytime').text).toBe('ring +44 ** **** **58 anytime');
    expect(mask('US: +1 415 555 0100').text).toBe('US: +1 *** *** **00');
  });

  it('masks e-mail addresses down to their first letter and domain', () => {
    expect(mask('write to jane.doe@example.com now').text).toBe('write to j***@example.com now');
    expect(mask('邮箱 wangfang2020@qq.com 联系我').text).toBe('邮箱 w***@qq.com 联系我');
  });

  it('masks Chinese resident ID numbers only when their check character is right', () => {
    expect(mask('身份证11010519491231002X被泄露').text).toBe('身份证1****************X被泄露');
    expect(mask('id 110105194912310021 is not valid').found).toEqual({});
  });

  it('masks bank card numbers that pass the Luhn check, keeping the last four digits', () => {
    expect(mask('卡号6212 2622 0123 4567 891 被多扣款').text).toBe('卡号**** **** **** ***7 891 被多扣款');
    expect(mask('card 4111-1111-1111-1111 charged twice').text).toBe('card ****-****-****-1111 charged twice');
    expect(mask('tracking 4111111111111112 is not a card').found).toEqual({});
  });

  it('masks order numbers of the configured patterns, in either language', () => {
    expect(mask('my order JD12345678901 never arrived').text).toBe('my order *********8901 never arrived');
    expect(mask('订单号：202611201234567 一直没发货').text).toBe('订单号：***********4567 一直没发货');
  });

  it('leaves prices, dates, counts and short numbers alone', () => {
    const text = '2026-11-20 买了3份，花了128元，等了45分钟 / paid $12.50 on 11/20, order took 45 min';
    expect(mask(text)).toEqual({ text, found: {} });
  });

  it('masks only the kinds a policy turns on', () => {
    const phonesOnly = maskerFor({ phones: true, emails: false, idNumbers: false, bankCards: false, orderPatterns: [] });
    expect(phonesOnly('13812345678 a@b.cn').text).toBe('138****5678 a@b.cn');
  });

  it('leaves the sentiment and crisis terms of the text unchanged (Chinese and English)', () => {
    const file = new URL('../../../rules/crisis-terms.yaml', import.meta.url);
    const parsed = parseCrisisTerms(readFileSync(file, 'utf8'), file.pathname);
    const analyzer = createAnalyzer({ crisisTerms: parsed.ok ? parsed.terms : [] });
    const texts = [
      '吃了你们的鸡肉饭全家食物中毒，太恶心了！电话13987654321，订单号：202611209876543，身份证11010519491231002X',
      'Food poisoning after your chicken rice, disgusting. Call +44 20 7946 0958 or jane.doe@example.com, card 4111 1111 1111 1111',
      '非常好吃，服务很棒，下次还来 wangfang2020@qq.com',
    ];
    for (const text of texts) {
      const before = analyzer.analyze({ text });
      const after = analyzer.analyze({ text: mask(text).text });
      expect(mask(text).text).not.toBe(text);
      expect(after.label).toBe(before.label);
      expect(after.crisis.map((c) => c.term)).toEqual(before.crisis.map((c) => c.term));
    }
  });
});

describe(isResidentId.name, () => {
  it('accepts the GB 11643 check character and refuses a wrong one', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('11010519491231002x')).toBe(true);
    expect(isResidentId('110105194912310020')).toBe(false);
  });
});

describe(luhnValid.name, () => {
  it('checks card numbers of 13 to 19 digits', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('411111111111')).toBe(false);
  });
});

describe('masking of structured fields (a recipe\'s extra)', () => {
  const mask = maskerFor(DEFAULT_MASKING);

  it('masks every string inside objects and arrays, in Chinese and English, and keeps numbers and dates', () => {
    const at = new Date('2026-11-20T00:00:00Z');
    const extra = { buyer: { phone: '手机 13912345678', notes: ['mail me at jane.doe@example.com', 'ok'] }, stars: 4, at };
    expect(maskDeep(extra, mask)).toEqual({ buyer: { phone: '手机 139****5678', notes: ['mail me at j***@example.com', 'ok'] }, stars: 4, at });
  });

  it('returns the very same value when nothing needed masking', () => {
    const extra = { sku: 'A-12', tags: ['fast', '好吃'] };
    expect(maskDeep(extra, mask)).toBe(extra);
  });
});
