import { z } from 'zod';
import { officialAccountsSchema } from '../platform/config/schema.js';
import { instantSchema, validateMention, webUrlSchema, type MentionInput } from '../core/mention/mention-input.js';

const isoTime = instantSchema;

/** `{"type":"brand", "name", "aliases", "keywords"}`: a brand the scenario talks about. */
const brandLine = z
  .object({
    type: z.literal('brand'),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and "-"').optional(),
    name: z.string().min(1),
    names: z.record(z.string(), z.string()).default({}),
    aliases: z.array(z.string().min(1)).default([]),
    keywords: z.array(z.string().min(1)).default([]),
    timezone: z.string().default('UTC'),
    officialAccounts: officialAccountsSchema.optional(),
  })
  .strict();

/**
 * A mention as seen at `observedAt` (default `publishedAt`); the same externalId again is an engagement snapshot.
 * It is checked by the one mention validation every ingest path uses (validateMention); `author` may be a plain name.
 */
export type MentionLine = { type: 'mention' } & MentionInput;

/** A responder acting on an incident: `"first"` (the first incident of the replay) or its key. */
const actionLine = z
  .object({
    type: z.literal('action'),
    at: isoTime,
    incident: z.string().min(1),
    do: z.enum(['acknowledge', 'respond', 'mitigate', 'resolve']),
    by: z.string().min(1),
    url: webUrlSchema.optional(),
    text: z.string().min(1).optional(),
  })
  .strict();

/** Optional: a team to notify (otherwise the built-in replay team). */
const teamLine = z
  .object({
    type: z.literal('team'),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    members: z.array(z.object({ name: z.string().min(1), email: z.string().email().optional(), role: z.enum(['member', 'lead', 'executive']).default('member') }).strict()).default([]),
  })
  .strict();

export const scenarioLineSchema = z.discriminatedUnion('type', [brandLine, actionLine, teamLine]);
export type ScenarioLine = z.infer<typeof scenarioLineSchema> | MentionLine;
export type ActionLine = z.infer<typeof actionLine>;

/** A line with the time it happens at (brand and team lines happen before anything else). */
export interface TimedLine {
  line: ScenarioLine;
  lineNo: number;
  at?: Date;
}

export class ScenarioError extends Error {}

/** When a line happens: a mention when it was observed, an action when it is taken. */
export function timeOf(line: ScenarioLine): Date | undefined {
  if (line.type === 'mention') return line.observedAt ?? line.publishedAt;
  if (line.type === 'action') return line.at;
  return undefined;
}

/** Parses scenario JSONL; errors name the file, line and field, and lines must come in time order. */
export function parseScenario(text: string, file: string): TimedLine[] {
  const out: TimedLine[] = [];
  const errors: string[] = [];
  let last: Date | undefined;
  text.split('\n').forEach((raw, i) => {
    const lineNo = i + 1;
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      errors.push(`${file}:${lineNo}: not JSON (${(err as Error).message}); each line is one JSON object`);
      return;
    }
    if (json && typeof json === 'object' && (json as { type?: unknown }).type === 'mention') {
      const { type: _type, author, ...rest } = json as Record<string, unknown>;
      const checked = validateMention({ ...rest, ...(author === undefined ? {} : { author: typeof author === 'string' ? { name: author } : author }) });
      if (!checked.ok) {
        errors.push(`${file}:${lineNo}: ${checked.error}`);
        return;
      }
      const line: MentionLine = { type: 'mention', ...checked.mention };
      const at = timeOf(line);
      if (at && last && at < last) errors.push(`${file}:${lineNo}: ${at.toISOString()} comes before the previous line's ${last.toISOString()}; scenario lines must be in time order`);
      if (at) last = at;
      out.push({ line, lineNo, at });
      return;
    }
    const parsed = scenarioLineSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((is) => `${is.path.join('.') || '(line)'}: ${is.code === 'unrecognized_keys' ? `unknown field(s) ${is.keys.join(', ')}` : is.message}`);
      errors.push(`${file}:${lineNo}: ${issues.join('; ')} (a line is {"type": "brand" | "mention" | "action" | "team", …})`);
      return;
    }
    const at = timeOf(parsed.data);
    if (at && last && at < last) errors.push(`${file}:${lineNo}: ${at.toISOString()} comes before the previous line's ${last.toISOString()}; scenario lines must be in time order`);
    if (at) last = at;
    out.push({ line: parsed.data, lineNo, at });
  });
  if (errors.length) throw new ScenarioError(errors.join('\n'));
  if (!out.some((l) => l.at)) throw new ScenarioError(`${file}: no mention or action lines: nothing to replay`);
  return out;
}
