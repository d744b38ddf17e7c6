/** Human wording of an alert: title and summary from its rule and signals. */
import type { SignalKind } from '../detection/signal.js';
import type { AlertEvidence, Severity } from './alert.js';
import type { GroupSignal, GroupState } from './group-state.js';
import type { Rule } from './rule.js';

const KIND_WORDS: Record<SignalKind, string> = {
  negative_surge: 'negative surge',
  volume_surge: 'volume surge',
  viral_post: 'viral post',
  crisis_burst: 'crisis-term burst',
  collection_gap: 'collection gap (data incomplete)',
  story_growth: 'fast-growing story',
};

const KIND_PLURALS: Record<SignalKind, string> = {
  negative_surge: 'negative surges',
  volume_surge: 'volume surges',
  viral_post: 'viral posts',
  crisis_burst: 'crisis-term bursts',
  collection_gap: 'collection gaps (data incomplete)',
  story_growth: 'fast-growing stories',
};

const percent = (share: number) => `${Math.round(share * 100)}%`;
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** "viral post on weibo: +3,000 shares/hour — "全家吃了…" https://…": what happened, the figures, and the post behind it. */
function describeSignal(s: GroupSignal): string {
  const where = [s.platform && `on ${s.platform}`, s.topic && `about "${s.topic}"`].filter(Boolean).join(' ');
  const facts: string[] = [];
  if (s.observed !== undefined && s.expected !== undefined) facts.push(`${count(s.observed)} mentions vs ~${count(s.expected)} expected`);
  if (s.negativeShare !== undefined) facts.push(`${percent(s.negativeShare)} negative`);
  if (s.growthPerHour !== undefined) facts.push(`+${count(s.growthPerHour)} shares/hour`);
  if (s.crisisTerms.length > 0) facts.push(`crisis terms: ${s.crisisTerms.slice(0, 5).join(', ')}`);
  const post = s.kind === 'viral_post' ? s.topMentions[0] : undefined;
  const postWhere = !where && post ? ` on ${post.platform}` : '';
  const quote = post ? ` — "${clip(post.text, 80)}"${post.url ? ` ${post.url}` : ''}` : '';
  return `${KIND_WORDS[s.kind]}${where ? ' ' + where : postWhere}: ${facts.join('; ') || `strength ${s.strength.toFixed(1)}`}${quote}`;
}

/** The evidence an alert carries: kinds, crisis terms, the five most engaged mentions and the three largest stories across its signals. */
export function evidenceOf(signals: readonly GroupSignal[]): AlertEvidence {
  const mentions = new Map<string, AlertEvidence['topMentions'][number]>();
  for (const s of signals) for (const m of s.topMentions) mentions.set(`${m.platform}:${m.externalId}`, m);
  const stories = new Map<string, NonNullable<AlertEvidence['stories']>[number]>();
  for (const s of signals) for (const st of s.stories ?? []) if ((stories.get(st.id)?.mentions ?? -1) < st.mentions) stories.set(st.id, st);
  return {
    ...(stories.size ? { stories: [...stories.values()].sort((a, b) => b.mentions - a.mentions).slice(0, 3) } : {}),
    kinds: [...new Set(signals.map((s) => s.kind))],
    crisisTerms: [...new Set(signals.flatMap((s) => s.crisisTerms))],
    topMentions: [...mentions.values()].sort((a, b) => b.engagement - a.engagement).slice(0, 5),
  };
}

/** "[P1] negative surge for acme on weibo": severity, what kinds, which brand, and where when the group says so. */
export function alertTitle(severity: Severity, state: GroupState, evidence: AlertEvidence): string {
  const kinds = evidence.kinds.map((k) => KIND_WORDS[k]).join(' + ');
  const where = [state.labels.platform && `on ${state.labels.platform}`, state.labels.topic && `about "${state.labels.topic}"`].filter(Boolean);
  const crisis = evidence.crisisTerms.length > 0 ? ` with crisis terms (${evidence.crisisTerms.slice(0, 3).join(', ')})` : '';
  return `[${severity}] ${kinds}${crisis} for ${state.brand}${where.length ? ' ' + where.join(' ') : ''}`;
}

const SHOWN_KINDS = 4;

/**
 * The rule's description, then one line per kind of signal (its strongest, with the post behind a viral
 * one), then the rest counted by kind ("and 8 more signals: 6 viral posts, 2 negative surges"): a mail
 * summarises; the incident page lists every signal.
 */
export function alertSummary(rule: Rule, open: readonly GroupSignal[]): string {
  const strongest = [...open].sort((a, b) => b.strength - a.strength);
  const shown = new Map<SignalKind, GroupSignal>();
  for (const s of strongest) if (!shown.has(s.kind) && shown.size < SHOWN_KINDS) shown.set(s.kind, s);
  const rest = new Map<SignalKind, number>();
  for (const s of strongest) if (shown.get(s.kind) !== s) rest.set(s.kind, (rest.get(s.kind) ?? 0) + 1);
  const restCount = [...rest.values()].reduce((a, b) => a + b, 0);
  const restKinds = [...rest].map(([kind, n]) => `${n} ${n === 1 ? KIND_WORDS[kind] : KIND_PLURALS[kind]}`).join(', ');
  const lines = [...shown.values()].map((s) => `- ${describeSignal(s)}`);
  const more = restCount ? [`- and ${restCount} more signal${restCount === 1 ? '' : 's'}: ${restKinds}`] : [];
  return [rule.description ?? `Rule ${rule.id} matched ${open.length} signal(s).`, ...lines, ...more].join('\n');
}
