import { z } from 'zod';

/** Milestones an incident reaches, in order; a step can be skipped once one is reached. */
export const MILESTONES = ['acknowledged', 'responded', 'mitigated', 'resolved'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** Who an escalation step notifies; names resolve to people through the team configuration. */
export const STEP_TARGETS = ['owner', 'team', 'team-lead', 'executive'] as const;
export type StepTarget = (typeof STEP_TARGETS)[number];

/** The two clock deadlines whose breach can trigger a step. */
export const BREACHES = ['response-breach', 'solution-breach'] as const;
export type BreachKind = (typeof BREACHES)[number];

const stepId = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-", e.g. "remind-owner"');

/** One escalation step: fires once, either a fixed time after the clock starts or when a deadline is breached. */
export const slaStepSchema = z
  .object({
    id: stepId,
    afterMinutes: z.number().int().min(0).max(60 * 24 * 30).optional().describe('minutes after the incident opens'),
    on: z.enum(BREACHES).optional().describe('fire when this deadline is missed'),
    notify: z.enum(STEP_TARGETS),
    unless: z.enum(MILESTONES).optional().describe('skip the step when the incident reached this milestone in time'),
  })
  .strict()
  .refine((s) => (s.afterMinutes === undefined) !== (s.on === undefined), {
    message: 'give exactly one of "afterMinutes" (minutes after opening) or "on" (response-breach | solution-breach)',
  });
export type SlaStep = z.infer<typeof slaStepSchema>;

/** An SLA policy: how fast the first public response and the initial solution must come, and who is told when. */
export const slaPolicySchema = z
  .object({
    id: stepId,
    description: z.string().max(500).optional(),
    respondWithinMinutes: z.number().int().min(1).max(60 * 24 * 30),
    solveWithinMinutes: z.number().int().min(1).max(60 * 24 * 90),
    pausable: z.boolean().default(false).describe('whether responders may pause the clock (e.g. waiting on the customer)'),
    steps: z.array(slaStepSchema).max(20).default([]),
  })
  .strict()
  .refine((p) => p.solveWithinMinutes >= p.respondWithinMinutes, {
    message: 'solveWithinMinutes must be at least respondWithinMinutes',
    path: ['solveWithinMinutes'],
  })
  .refine((p) => new Set(p.steps.map((s) => s.id)).size === p.steps.length, {
    message: 'step ids must be unique within a policy',
    path: ['steps'],
  });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/** The document shape of an SLA file (rules/sla.yaml and the user's own). */
export const slaFileSchema = z
  .object({
    policies: z.array(slaPolicySchema).min(1),
  })
  .strict();
export type SlaFile = z.infer<typeof slaFileSchema>;
