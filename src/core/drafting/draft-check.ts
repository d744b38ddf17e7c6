import { PHRASES, SUGGESTIONS, type PhraseSet } from './phrases.js';

export type DraftLang = 'en' | 'zh';

/**
 * What a draft crisis reply can get wrong:
 * - `empathy-first`: no empathy or real apology, or it comes only after other things;
 * - `action`: nothing concrete done or committed to ("we will look into it" is not concrete);
 * - `next-step-time`: no time for what comes next;
 * - `denial`, `blame` (customers, competitors, suppliers), `legal-threat`, `minimising` (statistics, "isolated case"):
 *   sentences that read as defensive; the suggested reply drops them.
 */
export const DRAFT_RULES = ['empathy-first', 'action', 'next-step-time', 'denial', 'blame', 'legal-threat', 'minimising'] as const;
export type DraftRule = (typeof DRAFT_RULES)[number];

/** One problem in a draft: the rule, why it matters, the sentence at fault (if any) and what to do instead. */
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
  /** The draft without its defensive sentences, with missing empathy, action and time added: a starting point. */
  suggestedReply: string;
}

/** Sentence-level rules, in the order they are reported; a sentence gets at most one finding each. */
const SENTENCE_RULES: Array<[Exclude<DraftRule, 'empathy-first' | 'action' | 'next-step-time'>, keyof PhraseSet]> = [
  ['denial', 'denial'],
  ['blame', 'blame'],
  ['legal-threat', 'legalThreat'],
  ['minimising', 'minimising'],
];

/** Reviews a draft public reply against what a good crisis reply is; see DraftRule. */
export function checkDraft(text: string, lang?: DraftLang): DraftCheck {
  const language = lang ?? detectDraftLang(text);
  const p = PHRASES[language];
  const s = SUGGESTIONS[language];
  const m = MESSAGES[language];
  const sentences = splitSentences(text, language);
  const matches = (patterns: readonly RegExp[], sentence: string) => patterns.some((re) => re.test(sentence));

  const findings: DraftFinding[] = [];
  const defensive = new Set<number>();
  sentences.forEach((sentence, i) => {
    for (const [rule, key] of SENTENCE_RULES) {
      if (!matches(p[key], sentence)) continue;
      defensive.add(i);
      findings.push({ rule, sentenceIndex: i, sentence, suggestion: s.remove, message: m[rule] });
    }
  });

  const isEmpathy = (x: string, i: number) => !defensive.has(i) && matches(p.empathy, x) && !matches(p.nonApology, x);
  const firstEmpathy = sentences.findIndex(isEmpathy);
  // Empathy leads: in the first sentence, or the second after a short heading or greeting ("Dear customers").
  const leads = firstEmpathy === 0 || (firstEmpathy === 1 && isOpening(sentences[0]!, language));
  const kept = sentences.filter((_, i) => !defensive.has(i));
  const concrete = kept.some((x) => matches(p.actionTaken, x) || matches(p.nextStep, x));
  const timed = kept.some((x) => matches(p.time, x));

  const head: DraftFinding[] = [];
  if (!leads) {
    const where = firstEmpathy === -1 ? {} : { sentenceIndex: firstEmpathy, sentence: sentences[firstEmpathy] };
    head.push({ rule: 'empathy-first', ...where, suggestion: firstEmpathy === -1 ? s.empathy : m.moveEmpathy, message: firstEmpathy === -1 ? m.noEmpathy : m.lateEmpathy });
  }
  if (!concrete) findings.push({ rule: 'action', suggestion: s.action, message: m.action });
  if (!timed) findings.push({ rule: 'next-step-time', suggestion: s.time, message: m.time });
  const all = [...head, ...findings];

  // The suggested reply: empathy first (moved up, or added), the draft without defensive sentences, then what is missing.
  const body = kept.filter((x) => !(leads === false && firstEmpathy !== -1 && x === sentences[firstEmpathy]));
  const opening = leads ? [] : firstEmpathy !== -1 ? [sentences[firstEmpathy]!] : [s.empathy];
  const parts = [...opening, ...body, ...(concrete ? [] : [s.action]), ...(timed ? [] : [s.time])];
  return { lang: language, ok: all.length === 0, sentences, findings: all, suggestedReply: parts.join(language === 'en' ? ' ' : '') };
}

/** A short first line that is a heading or a greeting, not content. */
function isOpening(sentence: string, lang: DraftLang): boolean {
  return lang === 'zh' ? sentence.length <= 12 && !/[，,]/.test(sentence.slice(0, -1)) : sentence.split(/\s+/).length <= 5;
}

/** Chinese when the draft has more CJK characters than Latin letters. */
export function detectDraftLang(text: string): DraftLang {
  const cjk = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const latin = (text.match(/[a-z]/gi) ?? []).length;
  return cjk > 0 && cjk * 2 >= latin ? 'zh' : 'en';
}

/** Splits on sentence-ending punctuation (and line breaks), keeping the punctuation with its sentence. */
export function splitSentences(text: string, lang: DraftLang): string[] {
  const parts = lang === 'zh' ? text.split(/(?<=[。！？!?；;…])|\n+/) : text.split(/(?<=[.!?…])\s+|\n+/);
  return parts.map((x) => x.trim()).filter((x) => x.length > 0);
}

const MESSAGES = {
  en: {
    noEmpathy: 'The reply never says sorry or shows it understands what people went through; open with that.',
    lateEmpathy: 'Empathy comes only after other things; people need to hear that you are sorry before they can hear anything else.',
    moveEmpathy: 'Move this sentence to the start.',
    action: 'The reply names nothing concrete that has been done or will be done (pulled products, contacting those affected, covering costs).',
    time: 'The reply gives no time for what comes next; say when people will hear from you.',
    denial: 'Denial ("perfectly safe", "the claims are false", "rumours") before the facts are known reads as a cover-up.',
    blame: 'Blaming customers, competitors or suppliers reads as defensive and spreads the anger; take responsibility for finding out.',
    'legal-threat': 'A legal threat turns the people who were harmed into opponents; leave it out of a public reply.',
    minimising: 'Statistics and "isolated case" minimise what happened to the people affected; every case matters.',
  },
  zh: {
    noEmpathy: '回复中没有道歉，也没有表达对受影响者的理解；请以此开头。',
    lateEmpathy: '道歉和共情出现在其他内容之后；先让公众感到被理解，再讲其他。',
    moveEmpathy: '把这句话移到开头。',
    action: '回复没有说明已经采取或将要采取的具体措施（下架、联系受影响顾客、承担费用等）。',
    time: '回复没有给出下一步的时间；请说明何时告知进展。',
    denial: '在事实查清之前否认（“完全安全”“谣言”“不实”）会被看作掩盖。',
    blame: '把责任推给顾客、竞争对手或供应商会显得推卸责任、激化情绪；请主动承担核实责任。',
    'legal-threat': '法律威胁会把受害者变成对手；不要出现在公开回复中。',
    minimising: '用数据或“个例”淡化事件，会让受影响的人感到被忽视；每一个个案都重要。',
  },
} as const;
