/** The alert-rule file format (rules/*.yaml): Alertmanager's vocabulary over goldenhour signals. */
import { z } from 'zod';
import { CHANNEL_KINDS, SEVERITIES } from './alert.js';
import { DURATION_PATTERN } from './duration.js';
import { isTimeZone, WEEKDAYS } from './local-time.js';

export const SIGNAL_KINDS = ['volume_surge', 'negative_surge', 'viral_post', 'crisis_burst', 'collection_gap', 'story_growth'] as const;
/** Signal fields a rule may group by; alerts are always per brand, so `brand` is implied. */
export const GROUP_BY_FIELDS = ['brand', 'kind', 'platform', 'topic', 'story'] as const;
export const DEFAULT_SLA_POLICY = 'one-hour';

const duration = z.string().regex(DURATION_PATTERN, 'must be a duration such as 30s, 5m, 1h, 1h30m or 2d');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time "HH:MM", e.g. "08:30"');
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as UTC, Asia/Shanghai or Europe/Berlin');
const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "-" or "_", e.g. "negative-surge"');
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'must list at least one value, or leave the key out to match any');

export const dailyWindowSchema = z.strictObject({
  from: clock,
  to: clock,
  timezone: timeZone.default('UTC'),
  days: z.array(z.enum(WEEKDAYS)).optional(),
});

export const ruleMatchSchema = z.strictObject({
  kinds: list(z.enum(SIGNAL_KINDS)).optional(),
  brands: list(z.string().min(1)).optional(),
  platforms: list(z.string().min(1)).optional(),
  topics: list(z.string().min(1)).optional(),
  min_strength: z.number().min(0).optional(),
  /** Any of these crisis terms in the signal's evidence; `crisis: true` asks for any term at all. */
  crisis_terms: list(z.string().min(1)).optional(),
  crisis_categories: list(z.string().min(1)).optional(),
  crisis: z.boolean().optional(),
  /** Any of these review aspects (rules/aspects.yaml ids) is negative in the signal's evidence mentions. */
  negative_aspects: list(z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be an aspect id from rules/aspects.yaml, e.g. "taste" or "delivery"')).optional(),
  time_of_day: dailyWindowSchema.optional(),
});

export const ruleSchema = z.strictObject({
  id,
  description: z.string().optional(),
  match: ruleMatchSchema.default({}),
  severity: z.enum(SEVERITIES),
  teams: z.array(id).default([]),
  channels: z.array(z.enum(CHANNEL_KINDS)).default(['email']),
  group_by: z.array(z.enum(GROUP_BY_FIELDS)).default(['brand']),
  group_wait: duration.default('30s'),
  group_interval: duration.default('5m'),
  repeat_interval: duration.default('4h'),
  /** An open signal not seen for this long no longer keeps its group open. */
  resolve_timeout: duration.default('1h'),
  sla_policy: id.default(DEFAULT_SLA_POLICY),
  /** Whether the alert opens (or joins) an incident; P1/P2 default to yes, P3/P4 to no. */
  needs_response: z.boolean().optional(),
  /** A later rule file may switch a default rule off by repeating its id with `enabled: false`. */
  enabled: z.boolean().default(true),
  /** Rules are tried in ascending order (then file order); the first match wins unless it says `continue: true`. */
  order: z.number().int().default(100),
  continue: z.boolean().default(false),
});

export const inhibitRuleSchema = z.strictObject({
  source_severities: list(z.enum(SEVERITIES)),
  target_severities: list(z.enum(SEVERITIES)),
  /** Group labels that must be equal between source and target, e.g. [brand]. */
  equal: z.array(z.enum(GROUP_BY_FIELDS)).default(['brand']),
});

export const quietHoursSchema = dailyWindowSchema.extend({
  name: id,
  /** Severities that notify even during quiet hours. */
  except: z.array(z.enum(SEVERITIES)).default(['P1']),
  /** Limit to alerts routed to these teams; all teams when left out. */
  teams: z.array(id).optional(),
});

export const rulesFileSchema = z.strictObject({
  rules: z.array(ruleSchema).default([]),
  inhibit_rules: z.array(inhibitRuleSchema).default([]),
  quiet_hours: z.array(quietHoursSchema).default([]),
});

export type DailyWindow = z.infer<typeof dailyWindowSchema>;
export type RuleMatch = z.infer<typeof ruleMatchSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type InhibitRule = z.infer<typeof inhibitRuleSchema>;
export type QuietHours = z.infer<typeof quietHoursSchema>;
export type RulesFile = z.infer<typeof rulesFileSchema>;
export type GroupByField = (typeof GROUP_BY_FIELDS)[number];

/** Everything the rules files say, merged: later files override earlier rules with the same id. */
export interface RuleSet {
  rules: Rule[];
  inhibitRules: InhibitRule[];
  quietHours: QuietHours[];
}

/** Merges parsed files in order; a later rule with an existing id replaces it, and disabled rules drop out. */
export function mergeRuleFiles(files: readonly RulesFile[]): RuleSet {
  return overlayRules({ rules: [], inhibitRules: [], quietHours: [] }, files);
}

/**
 * A rule set with more files laid over it (as a later rules directory would be): a rule with an existing
 * id replaces it (`enabled: false` switches it off), inhibit rules and quiet hours are added.
 */
export function overlayRules(base: RuleSet, files: readonly RulesFile[]): RuleSet {
  const byId = new Map(base.rules.map((r) => [r.id, r]));
  for (const file of files) for (const rule of file.rules) byId.set(rule.id, rule);
  return {
    rules: [...byId.values()].filter((r) => r.enabled).sort((a, b) => a.order - b.order),
    inhibitRules: [...base.inhibitRules, ...files.flatMap((f) => f.inhibit_rules)],
    quietHours: [...base.quietHours, ...files.flatMap((f) => f.quiet_hours)],
  };
}

/** Whether alerts of this rule need a human response (explicit, or by severity). */
export function ruleNeedsResponse(rule: Rule): boolean {
  return rule.needs_response ?? (rule.severity === 'P1' || rule.severity === 'P2');
}
