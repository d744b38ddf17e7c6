/** Whether a rule applies to a signal. */
import type { Signal } from '../detection/signal.js';
import { inDailyWindow } from './local-time.js';
import type { Rule, RuleMatch } from './rule.js';

export interface MatchContext {
  /** Crisis-term category lookup (from the crisis-term lists); categories never match without it. */
  categoryOf?: (term: string) => string | undefined;
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
const oneOf = (value: string | undefined, allowed: readonly string[] | undefined) =>
  allowed === undefined || (value !== undefined && allowed.some((a) => same(a, value)));

function crisisMatches(m: RuleMatch, terms: readonly string[], ctx: MatchContext): boolean {
  if (m.crisis === true && terms.length === 0) return false;
  if (m.crisis === false && terms.length > 0) return false;
  if (!m.crisis_terms && !m.crisis_categories) return true;
  const byTerm = m.crisis_terms?.some((t) => terms.some((found) => same(t, found))) ?? false;
  const byCategory = m.crisis_categories?.some((c) => terms.some((found) => oneOf(ctx.categoryOf?.(found), [c]))) ?? false;
  return byTerm || byCategory;
}

/** True when every condition of the rule's `match` holds for the signal at `now` (a missing condition matches any). */
export function matchesRule(rule: Rule, signal: Signal, now: Date, ctx: MatchContext = {}): boolean {
  const m = rule.match;
  if (m.kinds && !m.kinds.includes(signal.kind)) return false;
  if (!oneOf(signal.brand, m.brands)) return false;
  if (!oneOf(signal.scope.platform, m.platforms)) return false;
  if (!oneOf(signal.scope.topic, m.topics)) return false;
  if (m.min_strength !== undefined && Math.max(signal.strength, signal.peakStrength) < m.min_strength) return false;
  if (!crisisMatches(m, signal.evidence.crisisTerms ?? [], ctx)) return false;
  if (m.negative_aspects && !m.negative_aspects.some((a) => signal.evidence.negativeAspects?.includes(a))) return false;
  if (m.time_of_day && !inDailyWindow(now, m.time_of_day)) return false;
  return true;
}

/** The rules a signal is routed to: in order, stopping after the first match that does not say `continue`. */
export function rulesForSignal(rules: readonly Rule[], signal: Signal, now: Date, ctx: MatchContext = {}): Rule[] {
  const matched: Rule[] = [];
  for (const rule of rules) {
    if (!matchesRule(rule, signal, now, ctx)) continue;
    matched.push(rule);
    if (!rule.continue) break;
  }
  return matched;
}
