import { z } from 'zod';
import type { Case } from './case.js';

/** The payload's schema name and version: a receiver checks it before reading anything else. */
export const CRM_SCHEMA = 'goldenhour.case/v1';

/** One case as the CRM receives it (documented in README "CRM sync"). */
export interface CrmPayload {
  schema: typeof CRM_SCHEMA;
  event: 'case.opened' | 'case.updated' | 'case.resolved';
  /** When the change happened (goldenhour's clock). */
  at: string;
  case: { id: string; version: number; state: string; brand: string; platform: string; team: string; owner: string | null; reasons: string[]; openedAt: string; firstRepliedAt: string | null; resolvedAt: string | null };
  author: { name: string | null; hash: string | null; followers: number | null; reach: number };
  text: { title: string | null; body: string; lang: string | null; rating: number | null };
  links: { mention: string | null; reply: string | null; queue: string; mentions: { id: string; url: string | null; at: string }[] };
  sentiment: { label: string; score: number; crisisTerms: string[] };
  aspects: string[];
  due: { firstReplyAt: string; resolveAt: string; paused: boolean };
}

const iso = (d?: Date) => (d ? new Date(d).toISOString() : null);

/** The documented payload of a case at its current version. */
export function crmPayload(c: Case, queueUrl: string, at: Date): CrmPayload {
  return {
    schema: CRM_SCHEMA,
    event: c.version === 1 ? 'case.opened' : c.state === 'resolved' ? 'case.resolved' : 'case.updated',
    at: at.toISOString(),
    case: { id: c._id, version: c.version, state: c.state, brand: c.brand, platform: c.platform, team: c.team, owner: c.owner ?? null, reasons: c.reasons, openedAt: iso(c.openedAt)!, firstRepliedAt: iso(c.firstRepliedAt), resolvedAt: iso(c.resolvedAt) },
    author: { name: c.author.name ?? null, hash: c.author.hash ?? null, followers: c.author.followers ?? null, reach: c.reach },
    text: { title: c.title ?? null, body: c.text, lang: c.lang ?? null, rating: c.rating ?? null },
    links: { mention: c.url ?? null, reply: c.replyUrl ?? null, queue: queueUrl, mentions: c.mentions.map((m) => ({ id: m.id, url: m.url ?? null, at: iso(m.at)! })) },
    sentiment: { label: c.sentiment.label, score: c.sentiment.score, crisisTerms: c.crisisTerms },
    aspects: c.keywords,
    due: { firstReplyAt: iso(c.clock.firstReplyDueAt)!, resolveAt: iso(c.clock.resolveDueAt)!, paused: Boolean(c.clock.pausedAt) },
  };
}

/** rules/crm.yaml: named field mappings, each `target.path: source.path` into the payload. */
export const crmMappingsSchema = z
  .object({
    version: z.literal(1),
    mappings: z.record(
      z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-", e.g. "zendesk"'),
      z.record(z.string().regex(/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/, 'a dotted field path such as "ticket.subject"'), z.string().regex(/^(const:.*|[a-zA-Z]+(\.[a-zA-Z]+)*)$/, 'a payload path such as "case.id" or "text.body", or "const:<text>"')),
    ),
  })
  .strict();
export type CrmMappings = z.infer<typeof crmMappingsSchema>;

const get = (o: unknown, path: string) => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

/** The body sent for a mapping: the payload as is, or only the mapped fields (a `const:` source is a fixed value). */
export function mapPayload(payload: CrmPayload, mapping: Record<string, string> | undefined): unknown {
  if (!mapping) return payload;
  const out: Record<string, unknown> = {};
  for (const [target, source] of Object.entries(mapping)) {
    const value = source.startsWith('const:') ? source.slice(6) : get(payload, source);
    const keys = target.split('.');
    let node = out;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value ?? null;
  }
  return out;
}

/** Inbound reports from the CRM: who took the case, that it was answered, that it was closed or opened again. */
export const crmReportSchema = z
  .object({
    caseId: z.string().min(1).max(500),
    event: z.enum(['assigned', 'replied', 'closed', 'reopened']),
    owner: z.string().trim().min(1).max(300).optional(),
    url: z.string().max(2000).optional().describe('the public reply (event "replied")'),
    by: z.string().max(300).optional().describe('the CRM user who did it'),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .refine((r) => r.event !== 'assigned' || r.owner, { message: 'give "owner" for event "assigned"', path: ['owner'] })
  .refine((r) => r.event !== 'replied' || r.url, { message: 'give "url" (the public reply) for event "replied"', path: ['url'] });
export type CrmReport = z.infer<typeof crmReportSchema>;

/** How far a signed request's timestamp may be from our clock; a nonce is remembered at least this long. */
export const SYNC_WINDOW_MS = 5 * 60_000;

/** Why a signed request is refused before its signature is checked, or null when its timestamp is fresh. */
export function staleTimestamp(timestamp: string | undefined, now: Date): string | null {
  if (!timestamp || !/^\d{10}$/.test(timestamp)) return 'x-goldenhour-timestamp must be Unix seconds';
  return Math.abs(Number(timestamp) * 1000 - now.getTime()) > SYNC_WINDOW_MS ? 'timestamp is more than 5 minutes from our clock: check the sender\'s clock, and never resend an old request' : null;
}
