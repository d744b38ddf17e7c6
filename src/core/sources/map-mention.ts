import { validateMention, type MentionInput } from '../mention/mention-input.js';
import { resolveWebUrl } from '../web/links.js';
import { normalizeDate } from '../time/dates.js';
import type { RawItem } from './extract.js';
import { parseCount, parseRating } from './numbers.js';
import type { Recipe } from './recipe.js';

/** What a raw item is mapped against: the brand the query was for, the page it came from, the time it was seen. */
export interface MapContext {
  brand: string;
  pageUrl: string;
  now: Date;
}

/** A usable item, with what was dropped from it (a link that is not http/https) and why; or why it is unusable. */
export type MappedItem = { ok: true; mention: MentionInput; dropped: string[] } | { ok: false; error: string };

/** Turns a raw item into a MentionInput, or says which field made it unusable. */
export function toMention(item: RawItem, recipe: Recipe, ctx: MapContext): MappedItem {
  const f = item.fields;
  if (!f.id) return { ok: false, error: 'no id (extract.fields.id found nothing)' };
  if (!f.text) return { ok: false, error: `item ${f.id}: no text (extract.fields.text found nothing)` };
  if (f.time === undefined && recipe.extract.fields.time) return { ok: false, error: `item ${f.id}: no time (extract.fields.time found nothing)` };
  const publishedAt = f.time === undefined ? ctx.now : normalizeDate(f.time, { now: ctx.now, timeZone: recipe.timezone });
  if (!publishedAt) return { ok: false, error: `item ${f.id}: unreadable time ${JSON.stringify(f.time)}` };
  const dropped: string[] = [];
  const link = f.url ? resolveWebUrl(f.url, ctx.pageUrl) : undefined;
  if (link && 'dropped' in link) dropped.push(`item ${f.id}: url dropped: ${link.dropped}`);
  const candidate = {
    brand: ctx.brand,
    platform: recipe.platform,
    externalId: f.id,
    source: recipe.name,
    url: link && 'url' in link ? link.url : undefined,
    author: author(f.author, f.handle, f.followers),
    text: f.text,
    title: f.title,
    lang: f.lang ?? recipe.lang,
    publishedAt,
    observedAt: ctx.now,
    engagement: engagement(item),
    ...rating(f.rating, recipe.extract.ratingScale),
    extra: Object.keys(item.extra).length > 0 ? item.extra : undefined,
  };
  const checked = validateMention(dropUndefined(candidate));
  if (!checked.ok) return { ok: false, error: `item ${f.id}: ${checked.error}` };
  return { ok: true, mention: checked.mention, dropped };
}

function author(name?: string, handle?: string, followers?: string): MentionInput['author'] {
  if (name === undefined && handle === undefined) return undefined;
  const count = followers === undefined ? undefined : parseCount(followers);
  return dropUndefined({ name, handle, followers: count });
}

function engagement(item: RawItem): MentionInput['engagement'] {
  const f = item.fields;
  if ([f.likes, f.shares, f.comments, f.views].every((v) => v === undefined)) return undefined;
  const n = (v?: string) => (v === undefined ? 0 : (parseCount(v) ?? 0));
  return { likes: n(f.likes), shares: n(f.shares), comments: n(f.comments), views: n(f.views) };
}

function rating(text: string | undefined, scale: number): { rating?: number; ratingScale?: number } {
  const value = text === undefined ? undefined : parseRating(text);
  return value === undefined ? {} : { rating: value, ratingScale: scale };
}

function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
