import { segmentChinese } from '../text/segment.js';
import { holdsWord, wordsVersion } from '../text/word-trie.js';
import { hitCue, wordCues, type CueSink } from './cues.js';
import type { Contribution } from './types.js';
import {
  CHINESE_LAUGHING_EMOTICONS,
  CHINESE_WORDS,
  EMOTICON_SERIES,
  WEIBO_EMOTICONS,
  type ChineseWord,
} from './chinese-lexicon.js';
import { ENGLISH_VALENCE } from './english-lexicon.js';

/** Negating a positive word makes it about as negative (不好吃); negating a negative one only mildly positive (不难吃). */
const NEGATED_POSITIVE = -0.9;
const NEGATED_NEGATIVE = -0.4;
/** 不太好 / 不是很满意: a softened negation. */
const SOFT_NEGATION = -0.5;
const NEGATION_SCOPE = 3;
const DEGREE_SCOPE = 2;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
/** 总的来说 / 总之: what came before counts half, the verdict after it double. */
const BEFORE_CONCLUSION = 0.5;
const AFTER_CONCLUSION = 2;
/** The last clause of a review is most often its verdict (…，不错 / …，不会再来了). */
const LAST_CLAUSE = 1.5;
/**
 * The first clause that says anything is often the headline (很好吃，…): it weighs this much more than a clause in
 * the middle, unless a contrast (但是, 就是) or a conclusion (总之) later says the verdict lies elsewhere.
 */
const HEADLINE = 0.25;
/** 咸了点 / 少了一点: a complaint followed by "a bit" is a mild one. */
const A_BIT = 0.5;
const A_BIT_WORDS: ReadonlySet<string> = new Set(['点', '一点', '点儿', '一点儿', '一点点', '些', '一些']);
/** Their first characters: most tokens are ruled out by a byte read rather than a lookup by string. */
const A_BIT_FIRSTS = new Uint8Array(0x10000);
for (const w of A_BIT_WORDS) A_BIT_FIRSTS[w.charCodeAt(0)] = 1;
/** Particles that may close a clause after "a bit" (咸了点啊). */
const CLOSING_PARTICLES: ReadonlySet<string> = new Set(['了', '的', '啊', '呀', '啦', '吧', '哦', '呢', '哈', '嘛', '儿']);
/** In a wish (如果…会更好吃) praise turns into a mild complaint and complaints count less. */
const WISHED_PRAISE = -0.5;
const WISHED_COMPLAINT = 0.5;
/** Complaint words in a post that laughs (笑死, 哈哈哈, [doge]) are mostly teasing. */
const JOKING = 0.5;
/** A rhetorical question (难道…吗？) complains whatever its words: its praise turns and it adds this much. */
const RHETORICAL_COMPLAINT = -1.5;
const CONCEDED = 0.5;
const EXCLAMATION = 1.25;
const EMOTICON_SCAN = 6;
const ASPECT_SCOPE = 4;
/** 性价比高 / 分量少 / 价格高: an aspect with its adjective. 价格便宜 (less of a bad thing) is praised less strongly. */
const ASPECT_VALENCE = 2;
const LESS_OF_BAD = 1.5;
/** 没有筷子 / 不给吸管: a negator that negates no sentiment word is itself a complaint in reviews. */
const UNRESOLVED_NEGATION = -0.8;

/**
 * An English word inside a Chinese post ("very good", "nice"): three letters or more and not a short
 * all-caps acronym (XP, CPU, SB), which the English lexicon would misread as emoticons or words.
 */
function isEnglishWord(token: string): boolean {
  if (token.length < 3) return false;
  let upper = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) upper++;
    else if (c < 0x61 || c > 0x7a) return false;
  }
  return upper === 0 || (upper === 1 && token.length > 4);
}

/** Reads a Weibo emoticon spelled `[` name `]` over several tokens; returns its weight and the index of `]`. */
function emoticonAt(tokens: string[], open: number): { name: string; weight: number; close: number } | undefined {
  let name = '';
  for (let j = open + 1; j < tokens.length && j <= open + EMOTICON_SCAN; j++) {
    if (tokens[j] === ']') {
      const weight = emoticonWeight(name);
      return weight === undefined ? undefined : { name, weight, close: j };
    }
    name += tokens[j];
  }
  return undefined;
}

/**
 * A Weibo emoticon's weight: from the emoticon list, else as the same emoticon without its character series
 * ([小黄人高兴] is [高兴]), else from the sentiment of its name when that is a word we rate ([尴尬], [愉快]).
 */
function emoticonWeight(name: string): number | undefined {
  const listed = WEIBO_EMOTICONS.get(name);
  if (listed !== undefined) return listed;
  for (const series of EMOTICON_SERIES) {
    if (name.length > series.length && name.startsWith(series)) return emoticonWeight(name.slice(series.length));
  }
  return CHINESE_WORDS.get(name)?.valence;
}

/**
 * Scores segmented Chinese text: lexicon valence per word, negation (不/没/无… within three words, softened
 * for 不太/不是很), degree adverbs (很/太/有点…), contrast (但是/不过/却: the later clause weighs more),
 * mild contrast (就是/只是: a minor reservation that keeps both sides), concession (虽然), conclusions
 * (总的来说) and the last clause as the verdict, "a bit" after a complaint (咸了点), aspect + adjective
 * (性价比高, 分量少), "！" emphasis and Weibo emoticons. Latin words in mixed posts use the English lexicon.
 * Returns the unnormalised sum. `cues`, when given, receives each hit as the learned layer's cue keys; `ids`, when
 * given, are the word ids segmentChinese gave these very tokens.
 */
export function scoreChinese(tokens: string[], explain: Contribution[] | null, cues: CueSink | null = null, ids?: readonly number[]): number {
  const scorer = new ClauseScorer(explain, cues);
  if (byIdFor !== CHINESE_WORDS.size) {
    byId = [];
    byIdFor = CHINESE_WORDS.size;
  }
  if (ids !== undefined) refreshUntaught();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (A_BIT_FIRSTS[token.charCodeAt(0)] === 1 && A_BIT_WORDS.has(token) && closesClause(tokens, i + 1)) scorer.aBit();
    const word = wordAt(tokens, ids, i);
    if (word !== undefined) {
      scorer.step(token, word, word.degree !== undefined && word.valence !== undefined && intensifies(wordAt(tokens, ids, i + 1)));
    } else if (token === '[') {
      i = scorer.emoticon(tokens, i);
    } else if (isEnglishWord(token)) {
      scorer.addValence(ENGLISH_VALENCE.get(token.toLowerCase()), token);
    } else {
      scorer.skip();
    }
  }
  return scorer.finish();
}

/**
 * CHINESE_WORDS by the segmenter's word id (segment.ts): an array read instead of a string-keyed lookup in a
 * table of 18k words and more, which was the largest item of scoring. Filled as words are met (null: not one of
 * ours); started afresh when the table grows (the dictionary adds its words with the first Chinese text).
 */
let byId: (ChineseWord | null | undefined)[] = [];
let byIdFor = -1;

/**
 * The words of the table the segmenter does not hold (those with a space, or any before it is taught). A token the
 * segmenter gave id 0 is one it could not match, so it is none of the words it holds: only these can be its word,
 * and this small map answers for it instead of the whole table (most such tokens are jieba's words, in no table).
 */
let untaught = new Map<string, ChineseWord>();
let untaughtFor = -1;
let untaughtVersion = -1;
/** Makes `untaught` again when the table or the segmenter's words changed; called once per text. */
function refreshUntaught(): void {
  if (untaughtFor === CHINESE_WORDS.size && untaughtVersion === wordsVersion()) return;
  untaught = new Map([...CHINESE_WORDS].filter(([w]) => !holdsWord(w)));
  untaughtFor = CHINESE_WORDS.size;
  untaughtVersion = wordsVersion();
}

/** The word of token `i`: by id where the segmenter gave one, else by text. */
function wordAt(tokens: readonly string[], ids: readonly number[] | undefined, i: number): ChineseWord | undefined {
  const token = tokens[i];
  if (token === undefined) return undefined;
  if (ids === undefined) return CHINESE_WORDS.get(token);
  const id = ids[i] ?? 0;
  if (id === 0) return untaught.get(token);
  while (byId.length <= id) byId.push(undefined);
  let word = byId[id];
  if (word === undefined) word = byId[id] = CHINESE_WORDS.get(token) ?? null;
  return word ?? undefined;
}

/** The cues of `text` read afresh (segmented and scored), their names too when `names` (for explanations). */
export function readCues(text: string, names: boolean): CueSink {
  const ids: number[] = [];
  const tokens = segmentChinese(text, ids);
  const sink = wordCues(tokens, names, ids);
  scoreChinese(tokens, null, sink, ids);
  return sink;
}

/** True when only particles stand between `at` and the end of the clause. */
function closesClause(tokens: string[], at: number): boolean {
  for (let j = at; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (CLOSING_PARTICLES.has(t)) continue;
    return CHINESE_WORDS.get(t)?.clauseEnd !== undefined;
  }
  return true;
}

/** Scoring state across one text: the running total and the open clause's negation, degree and aspect. */
class ClauseScorer {
  private total = 0;
  /** The latest clause that carried sentiment, kept apart until the end: it may be the last one. */
  private latest = 0;
  private after = 1;
  private pos = 0;
  private sum = 0;
  private weight = 1;
  private negatedAt = -99;
  private negatorText = '';
  private softNegation = false;
  private degree = 1;
  private degreeAt = -99;
  private aspect = 0;
  private aspectAt = -99;
  private aspectText = '';
  private lastValence = 0;
  private lastValenceAt = -99;
  private wish = false;
  private laughs = false;
  private rhetorical = false;
  /** The negative part of `sum`, `latest` and `total`, weighted alike, so joking can discount it at the end. */
  private negSum = 0;
  private negLatest = 0;
  private negTotal = 0;
  /** The first clause that carried sentiment, as weighted; and whether a contrast or conclusion came after it. */
  private headline: { sum: number; neg: number } | undefined;
  private qualified = false;

  constructor(
    private readonly explain: Contribution[] | null,
    private readonly cues: CueSink | null,
  ) {}

  /** A token or rule that moved the score: for the explanation, and for the learned layer's cues. */
  private note(token: string, weight: number, rule: string): void {
    this.explain?.push({ token, weight, rule });
    if (this.cues) hitCue(this.cues, token, weight, rule);
  }

  /** A word with no role still counts for distances ("不 | 给 | 吸管"). */
  skip(): void {
    this.pos++;
  }

  /** `intensifiesNext`: the word is a degree word and a sentiment word, and a sentiment word or negator follows. */
  step(text: string, word: ChineseWord, intensifiesNext: boolean): void {
    this.pos++;
    if (word.clauseEnd) {
      this.flush(word.clauseEnd);
      return;
    }
    if (word.contrast !== undefined || word.conclusion) this.qualified = true;
    if (word.contrast === 'strong' || word.conclusion) {
      const [before, after] = word.conclusion ? [BEFORE_CONCLUSION, AFTER_CONCLUSION] : [BEFORE_CONTRAST, AFTER_CONTRAST];
      this.total *= before;
      this.latest *= before;
      this.sum *= before;
      this.negTotal *= before;
      this.negLatest *= before;
      this.negSum *= before;
      this.after = Math.max(this.after, after);
      if (word.valence === undefined) return;
    } else if (word.contrast === 'mild' && word.valence === undefined) {
      return;
    }
    if (word.laugh) this.laughs = true;
    if (word.rhetorical) this.rhetorical = true;
    if (word.hypothetical) {
      this.wish = true;
    } else if (word.concession) {
      this.weight = CONCEDED;
    } else if (word.negator) {
      this.negatedAt = this.pos;
      this.negatorText = text;
      this.softNegation = word.negator === 'soft';
    } else if (word.aspect !== undefined) {
      this.aspect = word.aspect;
      this.aspectAt = this.pos;
      this.aspectText = text;
    } else if (word.amount !== undefined && this.pos - this.aspectAt <= ASPECT_SCOPE) {
      this.addAspect(word.amount, text);
    } else if (word.degree !== undefined && (word.valence === undefined || intensifiesNext)) {
      this.degree = word.degree;
      this.degreeAt = this.pos;
    } else {
      this.addValence(word.valence, text, word.dictionary ? 'dictionary' : 'lexicon');
    }
  }

  /** 点 / 一点 / 些 right after a complaint (咸了点, 少了一点) makes it a mild one. */
  aBit(): void {
    if (this.lastValence >= 0 || this.pos - this.lastValenceAt > 2) return;
    const change = -this.lastValence * (1 - A_BIT);
    this.sum += change;
    this.note('a bit', Math.round(change * 1000) / 1000, 'a bit');
    this.lastValence = 0;
  }

  /** Reads `[name]` at `open`; adds its weight when it is a known Weibo emoticon. Returns the index to continue from. */
  emoticon(tokens: string[], open: number): number {
    const found = emoticonAt(tokens, open);
    this.pos++;
    if (!found) return open;
    if (CHINESE_LAUGHING_EMOTICONS.has(found.name)) this.laughs = true;
    this.sum += found.weight;
    if (found.weight < 0) this.negSum += found.weight;
    this.note(`[${found.name}]`, found.weight, 'emoticon');
    return found.close;
  }

  /** Adds a sentiment word, scaled by a degree adverb and flipped or softened by a negator in scope. */
  addValence(valence: number | undefined, text: string, source = 'lexicon'): void {
    if (!valence) return;
    let v = valence;
    let rule = source;
    const negated = this.pos - this.negatedAt <= NEGATION_SCOPE;
    const degreeApplies = this.pos - this.degreeAt <= DEGREE_SCOPE;
    // 不是很好 / 不太好吃: negation over a degree (separate, or fused into the word by the segmenter) only softens.
    const fusedDegree = text.length > 2 && CHINESE_WORDS.get(text[0]!)?.degree !== undefined;
    if (negated && ((degreeApplies && this.negatedAt < this.degreeAt) || fusedDegree)) {
      v *= SOFT_NEGATION;
      rule = 'softened negation';
    } else {
      if (degreeApplies) v *= this.degree;
      if (negated) {
        v *= this.softNegation ? SOFT_NEGATION : v > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
        rule = this.softNegation ? 'softened negation' : 'negated';
      } else if (degreeApplies && this.degree !== 1) {
        rule = 'degree';
      }
    }
    this.negatedAt = -99;
    this.degreeAt = -99;
    this.aspectAt = -99;
    if (this.wish) {
      v *= v > 0 ? WISHED_PRAISE : WISHED_COMPLAINT;
      rule = 'wish';
    }
    this.sum += v;
    if (v < 0) this.negSum += v;
    this.lastValence = v;
    this.lastValenceAt = this.pos;
    this.note(text, Math.round(v * 1000) / 1000, rule);
  }

  /** 性价比高 / 分量少 / 价格高 / 价格不高: the adjective read against the aspect before it. */
  private addAspect(amount: number, text: string): void {
    const negated = this.pos - this.negatedAt <= NEGATION_SCOPE;
    const more = amount > 0 !== negated;
    const v = this.aspect > 0 ? (more ? ASPECT_VALENCE : -ASPECT_VALENCE) : more ? -ASPECT_VALENCE : LESS_OF_BAD;
    this.note(`${this.aspectText}${text}`, v, 'aspect');
    this.sum += v;
    if (v < 0) this.negSum += v;
    this.negatedAt = -99;
    this.aspectAt = -99;
  }

  private flush(end: ChineseWord['clauseEnd']): void {
    if (this.negatedAt >= 0 && !this.softNegation) {
      this.sum += UNRESOLVED_NEGATION;
      this.note(this.negatorText, UNRESOLVED_NEGATION, 'unresolved negation');
    }
    if (this.rhetorical && end === 'question') this.turnRhetorical();
    if (this.sum !== 0) {
      const weight = this.weight * (end === 'exclaim' ? EXCLAMATION : 1) * this.after;
      if (this.headline === undefined) this.headline = { sum: this.sum * weight, neg: this.negSum * weight };
      this.total += this.latest;
      this.latest = this.sum * weight;
      this.negTotal += this.negLatest;
      this.negLatest = this.negSum * weight;
    }
    this.sum = 0;
    this.negSum = 0;
    this.rhetorical = false;
    this.weight = 1;
    this.wish = false;
    this.lastValenceAt = -99;
    this.negatedAt = -99;
    this.degreeAt = -99;
    this.aspectAt = -99;
  }

  private turnRhetorical(): void {
    const v = -Math.abs(this.sum) + RHETORICAL_COMPLAINT;
    this.note('？', Math.round((v - this.sum) * 1000) / 1000, 'rhetorical question');
    this.sum = v;
    this.negSum = v;
  }

  finish(): number {
    this.flush(undefined);
    let score = this.total + this.latest * LAST_CLAUSE;
    let negative = this.negTotal + this.negLatest * LAST_CLAUSE;
    if (this.headline && !this.qualified) {
      score += this.headline.sum * HEADLINE;
      negative += this.headline.neg * HEADLINE;
    }
    if (!this.laughs) return score;
    const discount = -negative * (1 - JOKING);
    if (discount !== 0) this.note('laughter', Math.round(discount * 1000) / 1000, 'joking');
    return score + discount;
  }
}

/** A degree word that is also a sentiment word (好, 死) intensifies when a sentiment word or negator follows. */
const intensifies = (next: ChineseWord | undefined): boolean => next !== undefined && (next.valence !== undefined || next.negator !== undefined);

