/** Human wording of an alert: title and summary from its rule and signals. */
import type { SignalKind } from '../detection/signal.js';
import type { AlertEvidence, Severity } from './alert.js';
import type { GroupSignal, GroupState } from './group-state.js';
import type { Rule } from './rule.js';

const KIND_WORDS: Record<SignalKind, string> = {
  negative_surge: 'negative surge',
  volume_surge: 'volume surge',
  viral_post: 'viral negative post',
  crisis_burst: 'crisis-term burst',
  collection_gap: 'collection gap (data incomplete)',
};

const percent = (share: number) => `${Math.round(share * 100)}%`;

function describeSignal(s: GroupSignal): string {
  const where = [s.platform && `on ${s.platform}`, s.topic && `about "${s.topic}"`].filter(Boolean).join(' ');
  const facts: string[] = [];
  if (s.observed !== undefined && s.expected !== undefined) facts.push(`${s.observed} mentions vs ~${Math.round(s.expected)} expected`);
  if (s.negativeShare !== undefined) facts.push(`${percent(s.negativeShare)} negative`);
  if (s.growthPerHour !== undefined) facts.push(`+${Math.round(s.growthPerHour)} shares/hour`);
  if (s.crisisTerms.length > 0) facts.push(`crisis terms: ${s.crisisTerms.join(', ')}`);
  facts.push(`strength ${s.strength.toFixed(1)}`);
  return `${KIND_WORDS[s.kind]}${where ? ' ' + where : ''} (${facts.join('; ')})`;
}

/** The evidence an alert carries: kinds, crisis terms and the five most engaged mentions across its signals. */
export function evidenceOf(signals: readonly GroupSignal[]): AlertEvidence {
  const mentions = new Map<string, AlertEvidence['topMentions'][number]>();
  for (const s of signals) for (const m of s.topMentions) mentions.set(`${m.platform}:${m.externalId}`, m);
  return {
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

/** One paragraph: the rule's description, then one line per distinct open signal, strongest first. */
export function alertSummary(rule: Rule, open: readonly GroupSignal[]): string {
  const counts = new Map<string, number>();
  for (const s of [...open].sort((a, b) => b.strength - a.strength)) {
    const line = describeSignal(s);
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  const lines = [...counts].slice(0, 10).map(([line, n]) => `- ${line}${n > 1 ? ` ×${n}` : ''}`);
  const more = counts.size > 10 ? [`- and ${counts.size - 10} more kinds of signal`] : [];
  return [rule.description ?? `Rule ${rule.id} matched ${open.length} signal(s).`, ...lines, ...more].join('\n');
}
