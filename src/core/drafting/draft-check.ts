import { PHRASES, SUGGESTIONS, type PhraseSet } from './phrases.js';

export type DraftLang = 'en' | 'zh';
export type DraftRule = 'empathy-first' | 'acknowledgement' | 'next-step' | 'next-step-time' | 'no-blame';

/** One problem in a draft: the rule, why it matters, the sentence at fault (if any) and what to write instead. */
export interface DraftFinding {
  rule: DraftRule;
  message: string;
  sentenceIndex?: number;
  sentence?: string;
  suggestion: string;
}

export interface DraftCheck {
  lang: DraftLang;
  ok: boolean;
  sentences: string[];
  findings: DraftFinding[];
  /** The draft with flagged sentences rewritten and missing pieces added, as a starting point. */
  suggestedReply: string;
}

/** Reviews a draft public reply against the crisis-communication rules: empathy first, acknowledge, commit to a next step and time, never blame the customer. */
export function checkDraft(text: string, lang?: DraftLang): DraftCheck {
  const language = lang ?? detectDraftLang(text);
  const p = PHRASES[language];
  const s = SUGGESTIONS[language];
  const sentences = splitSentences(text, language);
  const has = (patterns: RegExp[], i: number) => patterns.some((re) => re.test(sentences[i]!));
  const first = (patterns: RegExp[]) => sentences.findIndex((_, i) => has(patterns, i));

  const findings: DraftFinding[] = [];
  const rewrites = new Map<number, string>();
  const firstEmpathy = first(p.empathy);
  sentences.forEach((sentence, i) => {
    if (has(p.blame, i)) {
      rewrites.set(i, s.blame);
      findings.push({ rule: 'no-blame', sentenceIndex: i, sentence, suggestion: s.blame, message: MESSAGES[language].blame });
    } else if (has(p.explanation, i) && (firstEmpathy === -1 || i < firstEmpathy)) {
      const suggestion = `${s.empathy}${language === 'en' ? ' ' : ''}${soften(sentence, p)}`;
      rewrites.set(i, suggestion);
      findings.push({ rule: 'empathy-first', sentenceIndex: i, sentence, suggestion, message: MESSAGES[language].explanationFirst });
    }
  });
  const explanationFlagged = findings.some((f) => f.rule === 'empathy-first');
  if (firstEmpathy === -1 && !explanationFlagged) {
    findings.push({ rule: 'empathy-first', suggestion: s.empathy, message: MESSAGES[language].noEmpathy });
  }
  const missingAck = first(p.acknowledgement) === -1;
  if (missingAck) findings.push({ rule: 'acknowledgement', suggestion: s.acknowledgement, message: MESSAGES[language].noAck });
  const actionAt = first(p.action);
  const hasTime = first(p.time) !== -1;
  if (actionAt === -1) findings.push({ rule: 'next-step', suggestion: s.nextStep, message: MESSAGES[language].noStep });
  else if (!hasTime) {
    findings.push({ rule: 'next-step-time', sentenceIndex: actionAt, sentence: sentences[actionAt], suggestion: addTime(sentences[actionAt]!, language), message: MESSAGES[language].noTime });
    rewrites.set(actionAt, addTime(sentences[actionAt]!, language));
  }

  const opening = firstEmpathy === -1 && !explanationFlagged ? [s.empathy] : [];
  const body = sentences.map((x, i) => rewrites.get(i) ?? x);
  const parts = [...opening, ...(missingAck ? [s.acknowledgement] : []), ...body, ...(actionAt === -1 ? [s.nextStep] : [])];
  return { lang: language, ok: findings.length === 0, sentences, findings, suggestedReply: parts.join(language === 'en' ? ' ' : '') };
}

/** Chinese when the draft has more CJK characters than Latin letters. */
export function detectDraftLang(text: string): DraftLang {
  const cjk = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const latin = (text.match(/[a-z]/gi) ?? []).length;
  return cjk > 0 && cjk * 2 >= latin ? 'zh' : 'en';
}

/** Splits on sentence-ending punctuation, keeping it with its sentence. */
export function splitSentences(text: string, lang: DraftLang): string[] {
  const parts = lang === 'zh' ? text.split(/(?<=[。！？!?；;])/) : text.split(/(?<=[.!?])\s+/);
  return parts.map((x) => x.trim()).filter((x) => x.length > 0);
}

function soften(sentence: string, p: PhraseSet): string {
  const out = p.softenings.reduce((acc, [re, to]) => acc.replace(re, to), sentence).trim();
  return out.charAt(0).toUpperCase() + out.slice(1);
}

function addTime(sentence: string, lang: DraftLang): string {
  const time = SUGGESTIONS[lang].time;
  if (lang === 'zh') return sentence.replace(/([。！？!?；;]?)$/, `，并${time}告知您进展$1`);
  return sentence.replace(/([.!?]?)$/, `, and we will update you ${time}$1`);
}

const MESSAGES = {
  en: {
    blame: 'This sentence puts the blame on the customer; in a crisis that reads as defensive and spreads the anger. Take responsibility for finding out what happened instead.',
    explanationFirst: 'Explanation or minimising comes before any empathy; people need to hear that you understand their concern before they can hear the facts.',
    noEmpathy: 'The reply never shows that you understand the customer\'s concern; open with empathy.',
    noAck: 'The reply does not acknowledge the problem; say you are sorry or that you take it seriously.',
    noStep: 'The reply commits to no concrete next step; say what you will do and when.',
    noTime: 'The next step has no time; say when people will hear from you.',
  },
  zh: {
    blame: '这句话把责任推给了顾客；危机中这会显得推卸责任、激化情绪。请改为主动承担核实责任。',
    explanationFirst: '解释或淡化在共情之前；先让公众感到被理解，再讲事实。',
    noEmpathy: '回复中没有表达对顾客担忧的理解；请以共情开头。',
    noAck: '回复没有承认问题；请表达歉意或表明高度重视。',
    noStep: '回复没有具体的下一步行动；请说明将做什么、何时完成。',
    noTime: '下一步行动没有时间；请说明何时告知进展。',
  },
} as const;
