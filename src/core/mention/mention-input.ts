import { z } from 'zod';
import { parseInstant } from '../time/dates.js';
import { webUrlProblem } from '../web/links.js';

/**
 * The one validation of a mention, whichever way it enters (push API, import, scrapers, replay):
 * the same schema, the same key and size rules, the same errors ("field: message").
 *
 * Everything here comes from strangers. Before the schema looks at the fields, the whole item is
 * walked once: keys that MongoDB would read as operators ("$where"), keys it cannot store (NUL,
 * ".", empty), "__proto__", nesting deeper than {@link MENTION_LIMITS.depth} and items larger than
 * {@link MENTION_LIMITS.itemChars} are refused with the field named.
 */
export const MENTION_LIMITS = {
  /** Characters of the whole item as JSON. */
  itemChars: 100_000,
  /** Characters of `extra` as JSON. */
  extraChars: 16_000,
  /** Levels of nested objects and arrays below the item. */
  depth: 6,
} as const;

/** One reason an item was refused: the dotted path of the field ("(item)" for the whole) and what is wrong. */
export interface FieldError {
  field: string;
  message: string;
}

export const DOLLAR_KEY_MESSAGE = 'keys starting with "$" are not allowed';

/** Engagement counters as a platform reports them at one observation. */
export const engagementSchema = z
  .object({
    likes: z.number().int().min(0).default(0),
    shares: z.number().int().min(0).default(0),
    comments: z.number().int().min(0).default(0),
    views: z.number().int().min(0).default(0),
  })
  .strict();
export type Engagement = z.infer<typeof engagementSchema>;

/** An instant (see parseInstant): ISO 8601 with an offset, a bare date, RFC 2822, epoch ms or a Date; always UTC inside. */
export const instantSchema = z.unknown().transform((v, ctx): Date => {
  if (v === undefined) {
    ctx.addIssue({ code: 'custom', message: 'required: an ISO 8601 date-time such as 2026-11-20T10:03:00+08:00' });
    return z.NEVER;
  }
  const r = parseInstant(v);
  if (r instanceof Date) return r;
  ctx.addIssue({ code: 'custom', message: r.problem });
  return z.NEVER;
});

/** An absolute http or https URL: nothing else is stored or rendered. */
export const webUrlSchema = z
  .string()
  .max(2000)
  .superRefine((v, ctx) => {
    const problem = webUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const authorSchema = z
  .object({
    name: z.string().max(300).optional(),
    handle: z.string().max(300).optional(),
    followers: z.number().int().min(0).optional(),
  })
  .strict();

const fieldsSchema = z
  .object({
    brand: z.string().min(1).max(200).describe('brand name or id; must match a configured brand (name, id or alias)'),
    platform: z.string().min(1).max(60).regex(/^[a-z0-9_.-]+$/, 'lower-case letters, digits, "_", "-" or "."'),
    externalId: z.string().min(1).max(400),
    source: z.string().max(200).optional().describe('the recipe or import that produced it'),
    url: webUrlSchema.optional(),
    author: authorSchema.optional(),
    text: z.string().min(1).max(20_000),
    title: z.string().max(1000).optional(),
    lang: z.string().max(10).optional(),
    publishedAt: instantSchema,
    observedAt: instantSchema.optional().describe('when this engagement snapshot was observed; defaults to ingest time'),
    engagement: engagementSchema.optional(),
    rating: z.number().min(0).max(10).optional(),
    ratingScale: z.number().min(1).max(10).optional().describe('maximum of the rating scale, 5 unless given'),
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** The fields a mention may have at each level; anything else is an unknown field. */
const KNOWN: Record<string, ReadonlySet<string>> = {
  '': new Set(Object.keys(fieldsSchema.shape)),
  author: new Set(Object.keys(authorSchema.shape)),
  engagement: new Set(Object.keys(engagementSchema.shape)),
};

/**
 * Problems of an untrusted value's shape, before any field is read: the keys MongoDB must never see,
 * nesting too deep. Paths are dotted ("extra.a.$where", "tags.2"). Used for request bodies too.
 */
export function unsafeKeys(value: unknown, opts: { depth?: number; path?: string } = {}): FieldError[] {
  const out: FieldError[] = [];
  const maxDepth = opts.depth ?? 20;
  const walk = (v: unknown, path: string, depth: number) => {
    if (v === null || typeof v !== 'object' || v instanceof Date || out.length >= 10) return;
    if (depth > maxDepth) {
      out.push({ field: path || '(item)', message: `nested more than ${maxDepth} levels deep` });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((child, i) => walk(child, path ? `${path}.${i}` : String(i), depth + 1));
      return;
    }
    for (const k of Object.keys(v)) {
      // An empty key is named "" so the error still points somewhere (found by fuzzing: {"": []}).
      const name = k === '' ? '""' : k;
      const p = path ? `${path}.${name}` : name;
      const problem = keyProblem(k);
      if (problem) out.push({ field: p, message: problem });
      else walk((v as Record<string, unknown>)[k], p, depth + 1);
    }
  };
  walk(value, opts.path ?? '', 0);
  return out;
}

function keyProblem(k: string): string | undefined {
  if (k.startsWith('$')) return DOLLAR_KEY_MESSAGE;
  if (k === '') return 'empty keys are not allowed';
  if (k === '__proto__') return '"__proto__" is not allowed as a key';
  if (k.includes('\0')) return 'keys must not contain NUL characters';
  if (k.includes('.')) return 'keys must not contain "."';
  return undefined;
}

function jsonLength(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

/** The item-wide rules: key safety, depth, size, and unknown fields named one by one. */
function shapeErrors(v: unknown): FieldError[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [{ field: '(item)', message: `expected a mention object, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}` }];
  const errors = unsafeKeys(v, { depth: MENTION_LIMITS.depth });
  if (errors.length) return errors;
  const item = v as Record<string, unknown>;
  for (const [level, known] of Object.entries(KNOWN)) {
    const obj = level ? item[level] : item;
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) continue;
    for (const k of Object.keys(obj)) if (!known.has(k)) errors.push({ field: level ? `${level}.${k}` : k, message: 'unknown field' });
  }
  if (errors.length) return errors;
  if (jsonLength(item.extra) > MENTION_LIMITS.extraChars) errors.push({ field: 'extra', message: `larger than ${MENTION_LIMITS.extraChars} characters as JSON` });
  else if (jsonLength(item) > MENTION_LIMITS.itemChars) errors.push({ field: '(item)', message: `larger than ${MENTION_LIMITS.itemChars} characters as JSON` });
  return errors;
}

/**
 * One item said about a brand, as every ingest path hands it over: push API, import, scrapers, replay.
 * The unique key is (platform, externalId); ingesting it again updates engagement.
 */
export const mentionInputSchema = z
  .unknown()
  .superRefine((v, ctx) => {
    for (const e of shapeErrors(v)) ctx.addIssue({ code: 'custom', path: e.field === '(item)' ? [] : splitPath(e.field), message: e.message });
  })
  .pipe(fieldsSchema);
export type MentionInput = z.infer<typeof fieldsSchema>;

function splitPath(field: string): string[] {
  return field.split('.');
}

/** Zod issues as field errors: an unknown key is named as a field of its own. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], whole = '(item)'): FieldError[] {
  return issues.flatMap((i) => {
    const path = pathText(i.path);
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ field: path ? `${path}.${k}` : k, message: 'unknown field' }));
    return [{ field: path || whole, message: i.message }];
  });
}

/** "a.b.2.c" from a zod path (array indices as numbers between dots). */
export function pathText(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** "field: message; field: message" — how every ingest path reports a refused item. */
export function formatFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join('; ');
}

export type MentionCheck = { ok: true; mention: MentionInput } | { ok: false; errors: FieldError[]; error: string };

/** Validates one untrusted item: the mention, or every field that is wrong. */
export function validateMention(value: unknown): MentionCheck {
  const r = mentionInputSchema.safeParse(value);
  if (r.success) return { ok: true, mention: r.data };
  const errors = fieldErrors(r.error.issues);
  return { ok: false, errors, error: formatFieldErrors(errors) };
}
