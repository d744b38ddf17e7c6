import type { CausePost, CauseSummary } from './cause.js';

export type CauseLang = 'en' | 'zh';

const WORDS = {
  en: {
    heading: 'Why it fired',
    mentions: (now: number, expected: number) => `${now} mentions, about ${expected} expected`,
    terms: 'Terms rising',
    term: (t: string, lift: number, now: number, usual: number) => `"${t}" ×${lift} (${now} now, ${usual} in 7 days)`,
    platforms: 'Platforms growing',
    platform: (p: string, now: number, expected: number) => `${p} ${now} (about ${expected} expected)`,
    sources: 'Sources growing',
    negative: (now: number, usual: number) => `Negative share ${pct(now)} now, usually ${pct(usual)}`,
    first: 'First post',
    top: 'Most engaged',
    examples: 'Examples',
    engagements: (n: number) => `${n} engagements`,
  },
  zh: {
    heading: '告警原因',
    mentions: (now: number, expected: number) => `${now} 条提及，通常约 ${expected} 条`,
    terms: '上升的词',
    term: (t: string, lift: number, now: number, usual: number) => `“${t}” ×${lift}（现在 ${now} 条，近 7 天 ${usual} 条）`,
    platforms: '增长的平台',
    platform: (p: string, now: number, expected: number) => `${p} ${now} 条（通常约 ${expected} 条）`,
    sources: '增长的来源',
    negative: (now: number, usual: number) => `负面占比现在 ${pct(now)}，通常 ${pct(usual)}`,
    first: '首发帖',
    top: '互动最多',
    examples: '示例',
    engagements: (n: number) => `${n} 次互动`,
  },
} as const;

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The cause summary as plain-text lines in one language (mail bodies, chat webhooks). */
export function causeLines(c: CauseSummary, lang: CauseLang): string[] {
  const w = WORDS[lang];
  const sep = lang === 'zh' ? '：' : ': ';
  const list = lang === 'zh' ? '；' : '; ';
  const post = (p: CausePost) => `[${p.platform}${p.author ? ` @${p.author}` : ''}${p.engagement !== undefined ? `, ${w.engagements(p.engagement)}` : ''}] ${oneLine(p.text)}${p.url ? ` ${p.url}` : ''}`;
  return [
    `${w.heading}${sep}${w.mentions(c.mentions.now, c.mentions.expected)}`,
    ...(c.terms.length ? [`${w.terms}${sep}${c.terms.map((t) => w.term(t.term, t.lift, t.now, t.usual)).join(list)}`] : []),
    ...(c.platforms.length ? [`${w.platforms}${sep}${c.platforms.map((p) => w.platform(p.platform, p.now, p.expected)).join(list)}`] : []),
    ...(c.sources?.length ? [`${w.sources}${sep}${c.sources.map((p) => w.platform(p.source, p.now, p.expected)).join(list)}`] : []),
    w.negative(c.negativeShare.now, c.negativeShare.usual),
    ...(c.first ? [`${w.first}${sep}${post(c.first)}`] : []),
    ...(c.mostEngaged ? [`${w.top}${sep}${post(c.mostEngaged)}`] : []),
    ...c.examples.map((p, i) => `${w.examples} ${i + 1}${sep}${post(p)}`),
  ];
}

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 140 ? `${t.slice(0, 139)}…` : t;
}
