import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreDrafts, type LabelledDraft } from './accuracy.js';
import { checkDraft, detectDraftLang, splitSentences } from './draft-check.js';

const rules = (text: string) => checkDraft(text).findings.map((f) => f.rule).sort();
const labelled = readFileSync(join(process.cwd(), 'test/drafts/labelled.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledDraft);

describe(checkDraft.name, () => {
  const good = "We're so sorry to everyone who became ill after eating our chicken rice. We have pulled the chicken rice from all stores, are working with health authorities, and will cover all medical costs. We will post the lab results by 6 pm today.";
  const defensive = 'Our food is perfectly safe. These claims are false and probably from competitors. We take hygiene seriously. We will take legal action against anyone spreading rumours.';

  it('passes a reply with empathy first, actions taken, and a next step with a time', () => {
    expect(checkDraft(good)).toMatchObject({ lang: 'en', ok: true, findings: [] });
  });

  it('finds empathy and a concrete next step in the seed reply even without a time (only the time is missing)', () => {
    expect(rules("We're so sorry to everyone who became ill … we have pulled the chicken rice from all stores, are working with health authorities, and will cover all medical costs …")).toEqual(['next-step-time']);
  });

  it('flags denial, blame of competitors and the legal threat, and the suggested reply drops those sentences', () => {
    const r = checkDraft(defensive);
    expect(r.findings.map((f) => f.rule).sort()).toEqual(['action', 'blame', 'denial', 'denial', 'denial', 'empathy-first', 'legal-threat', 'next-step-time']);
    expect(r.findings.find((f) => f.rule === 'blame')).toMatchObject({ sentenceIndex: 1, sentence: 'These claims are false and probably from competitors.' });
    expect(r.suggestedReply).not.toMatch(/legal|competitor|perfectly safe|false|rumour/i);
    expect(r.suggestedReply).toMatch(/^We are deeply sorry/);
    expect(r.suggestedReply).toContain('We take hygiene seriously.');
    expect(checkDraft(r.suggestedReply).ok).toBe(true);
  });

  it('flags statistical minimising and explanation before empathy, and moves the apology to the front', () => {
    const r = checkDraft('Technically, the bacteria levels were within acceptable limits. We apologise to everyone affected. We will replace the product by tomorrow.');
    expect(r.findings.map((f) => f.rule)).toEqual(['empathy-first', 'minimising']);
    expect(r.suggestedReply).toBe('We apologise to everyone affected. We will replace the product by tomorrow.');
  });

  it('does not count "sorry for any inconvenience" or "sorry if you feel" as empathy', () => {
    expect(rules('Sorry for any inconvenience. We have refunded your order today.')).toEqual(['empathy-first']);
    expect(rules('We are sorry if you feel upset. We have refunded your order today.')).toEqual(['empathy-first']);
  });

  it('checks Chinese replies the same way: 谣言, 竞争对手恶意抹黑, 顾客自己肠胃不好 and 追究法律责任', () => {
    const r = checkDraft('我们的食品完全安全。这些都是谣言，是竞争对手恶意抹黑，顾客自己肠胃不好。我们将追究造谣者的法律责任。');
    expect(r.lang).toBe('zh');
    expect([...new Set(r.findings.map((f) => f.rule))].sort()).toEqual(['action', 'blame', 'denial', 'empathy-first', 'legal-threat', 'next-step-time']);
    expect(r.suggestedReply).not.toMatch(/谣言|竞争对手|肠胃|法律/);
    expect(checkDraft(r.suggestedReply).ok).toBe(true);
    expect(checkDraft('我们向所有身体不适的顾客诚挚道歉。我们已在所有门店下架鸡肉饭，正在配合卫生部门调查，并将承担全部医疗费用。今晚8点前公布检测结果。').ok).toBe(true);
  });
});

describe('the labelled drafts (test/drafts/labelled.jsonl)', () => {
  it('holds at least 40 drafts per language, good and bad of each kind', () => {
    for (const lang of ['en', 'zh']) {
      const set = labelled.filter((d) => d.lang === lang);
      expect(set.length).toBeGreaterThanOrEqual(40);
      expect(set.filter((d) => d.expect.length === 0).length).toBeGreaterThanOrEqual(8);
      for (const rule of ['empathy-first', 'action', 'next-step-time', 'denial', 'blame', 'legal-threat', 'minimising']) {
        expect(set.filter((d) => d.expect.includes(rule as never)).length).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it.each(['en', 'zh'] as const)('agrees with the labels on each rule for at least 90%% of the %s drafts', (lang) => {
    const scores = scoreDrafts(labelled.filter((d) => d.lang === lang));
    for (const s of scores) expect({ rule: s.rule, ok: s.accuracy >= 0.9 }).toEqual({ rule: s.rule, ok: true });
  });

  it('suggests, for every draft, a reply that passes the check', () => {
    const failing = labelled.filter((d) => !checkDraft(checkDraft(d.text, d.lang).suggestedReply, d.lang).ok).map((d) => d.id);
    expect(failing).toEqual([]);
  });
});

describe(detectDraftLang.name, () => {
  it('treats a mostly-Chinese draft with a brand name in Latin letters as Chinese', () => {
    expect(detectDraftLang('ACME 我们理解您的担忧。')).toBe('zh');
    expect(detectDraftLang('We hear you.')).toBe('en');
  });
});

describe(splitSentences.name, () => {
  it('splits Chinese on 。！？ and English on . ! ?', () => {
    expect(splitSentences('第一句。第二句！第三句？', 'zh')).toEqual(['第一句。', '第二句！', '第三句？']);
    expect(splitSentences('One. Two! Three?', 'en')).toEqual(['One.', 'Two!', 'Three?']);
  });
});
