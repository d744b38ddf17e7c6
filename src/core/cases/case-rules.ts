import { z } from 'zod';
import { isKnownTimeZone, WEEKDAYS } from '../time/zoned.js';

const id = z.string().min(1).max(80).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-", e.g. "care"');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day "HH:MM" (24 h)');

/** What makes a single mention need a reply; every field can be overridden per platform. */
export const triggersSchema = z
  .object({
    negativeAddressed: z.boolean().describe('negative and addressed to the brand: an @-mention, a question, or a review of its product'),
    maxStars: z.number().min(0).max(10).describe('reviews rated at or below this many stars (on a 5-star scale) need a reply; 0 turns it off'),
    crisisTerms: z.boolean().describe('any crisis term needs a reply'),
    minFollowers: z.number().int().min(0).describe('authors with at least this many followers need a reply when negative; 0 turns it off'),
    review: z.boolean().describe('every mention on this platform is a review of the brand\'s product'),
  })
  .strict();
export type Triggers = z.infer<typeof triggersSchema>;

/** Business hours of one team: its clocks only run inside them. */
export const businessHoursSchema = z
  .object({
    team: id,
    timezone: z.string().refine(isKnownTimeZone, 'an IANA time zone such as "Asia/Shanghai" or "Europe/Berlin"'),
    days: z.array(z.enum(WEEKDAYS)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    from: hhmm,
    to: hhmm,
  })
  .strict()
  .refine((h) => h.from < h.to, { message: '"from" must be before "to" (business hours do not wrap past midnight)', path: ['to'] });
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** A case SLA policy: first public reply and resolution deadlines, and when to remind and escalate. */
export const casePolicySchema = z
  .object({
    id,
    description: z.string().max(500).optional(),
    firstReplyWithinMinutes: z.number().int().min(1).max(60 * 24 * 30),
    resolveWithinMinutes: z.number().int().min(1).max(60 * 24 * 90),
    businessHours: z.boolean().default(true).describe('count only the team\'s business hours (teams without hours count every minute)'),
    pauseWhileWaiting: z.boolean().default(true).describe('stop the clock while waiting for the customer'),
    remindBeforeMinutes: z.number().int().min(0).default(60).describe('remind the owner this long before a deadline'),
    escalateBeforeMinutes: z.number().int().min(0).default(30).describe('escalate to the team lead this long before a deadline'),
  })
  .strict();
export type CasePolicy = z.infer<typeof casePolicySchema>;

const platformSchema = triggersSchema.partial().extend({ team: id.optional(), policy: id.optional() }).strict();

/** rules/cases.yaml: which mentions become cases, who gets them, and their SLA policies. */
export const caseRulesSchema = z
  .object({
    version: z.literal(1),
    team: id.describe('team that gets new cases'),
    policy: id.describe('SLA policy of new cases'),
    triggers: triggersSchema,
    platforms: z.record(z.string().regex(/^[a-z0-9_.-]+$/, 'a platform name as mentions carry it, e.g. "jd"'), platformSchema).default({}),
    businessHours: z.array(businessHoursSchema).default([]),
    policies: z.array(casePolicySchema).min(1),
  })
  .strict()
  .superRefine((r, ctx) => {
    const ids = new Set(r.policies.map((p) => p.id));
    const known = [...ids].map((p) => `"${p}"`).join(', ');
    if (!ids.has(r.policy)) ctx.addIssue({ code: 'custom', path: ['policy'], message: `unknown policy "${r.policy}": use one of ${known}` });
    for (const [platform, o] of Object.entries(r.platforms)) {
      if (o.policy && !ids.has(o.policy)) ctx.addIssue({ code: 'custom', path: ['platforms', platform, 'policy'], message: `unknown policy "${o.policy}": use one of ${known}` });
    }
  });
export type CaseRules = z.infer<typeof caseRulesSchema>;

/** The rules as they apply to one platform: defaults with the platform's overrides. */
export interface PlatformRules {
  triggers: Triggers;
  team: string;
  policy: CasePolicy;
  hours?: BusinessHours;
}

/** The effective triggers, team, policy and business hours for mentions of one platform. */
export function rulesFor(rules: CaseRules, platform: string): PlatformRules {
  const { team, policy, ...triggers } = rules.platforms[platform] ?? {};
  const teamId = team ?? rules.team;
  return {
    triggers: { ...rules.triggers, ...triggers },
    team: teamId,
    policy: policyById(rules, policy ?? rules.policy),
    hours: rules.businessHours.find((h) => h.team === teamId),
  };
}

/** A policy by id (the default policy for an unknown id, e.g. one a later edit removed). */
export function policyById(rules: CaseRules, policyId: string): CasePolicy {
  return rules.policies.find((p) => p.id === policyId) ?? rules.policies.find((p) => p.id === rules.policy)!;
}
