import { load } from 'cheerio';
import { z } from 'zod';
import { isKnownTimeZone } from '../time/zoned.js';
import { parsePath } from './json-path.js';

/**
 * Where one field of an item comes from. A plain string is a JSON path (json, rss, embedded JSON)
 * or a CSS selector relative to the item (html, browser; "selector@attr" reads an attribute, "@attr"
 * the item's own attribute, "." the item itself). The object form adds joining and clean-up.
 */
export const fieldSpecSchema = z.union([
  z.string().min(1),
  z
    .object({
      path: z.string().min(1).optional().describe('JSON path relative to the item ($ for the page)'),
      selector: z.string().min(1).optional().describe('CSS selector relative to the item'),
      attr: z.string().min(1).optional().describe('read this attribute instead of the text'),
      paths: z.array(z.string().min(1)).min(1).optional().describe('several JSON paths, joined with `join`'),
      join: z.string().default('\n\n'),
      template: z.string().min(1).optional().describe('text with {path} holes filled from the item, e.g. "/t/{topic_slug}/{topic_id}"'),
      html: z.boolean().default(false).describe('the value is HTML: keep its text, <br> as new lines'),
      pattern: z.string().min(1).optional().describe('regular expression; its first group (or whole match) is kept'),
      value: z.union([z.string(), z.number()]).optional().describe('a constant'),
    })
    .strict(),
]);
export type FieldSpec = z.infer<typeof fieldSpecSchema>;

const fieldsSchema = z
  .object({
    id: fieldSpecSchema.describe('unique id of the item on the platform'),
    text: fieldSpecSchema,
    title: fieldSpecSchema.optional(),
    author: fieldSpecSchema.optional(),
    handle: fieldSpecSchema.optional(),
    followers: fieldSpecSchema.optional(),
    time: fieldSpecSchema.optional().describe('publication time; without it the item is dated when it was seen'),
    url: fieldSpecSchema.optional(),
    rating: fieldSpecSchema.optional(),
    likes: fieldSpecSchema.optional(),
    shares: fieldSpecSchema.optional(),
    comments: fieldSpecSchema.optional(),
    views: fieldSpecSchema.optional(),
    lang: fieldSpecSchema.optional(),
  })
  .strict();
export type FieldName = keyof z.infer<typeof fieldsSchema>;

const blockedSchema = z
  .object({
    contains: z.string().min(1).optional().describe('text in the response body'),
    selector: z.string().min(1).optional().describe('CSS selector present in the page'),
    path: z.string().min(1).optional().describe('JSON path present in the response'),
    reason: z.string().min(1).describe('shown as the degraded reason, e.g. "login wall: export fresh cookies"'),
  })
  .strict()
  .refine((b) => [b.contains, b.selector, b.path].filter(Boolean).length === 1, 'give exactly one of contains, selector or path');

const fetchSchema = z
  .object({
    mode: z.enum(['http', 'json', 'rss', 'browser']),
    url: z.string().min(1).regex(/^https?:\/\//, 'must start with http:// or https://'),
    method: z.enum(['GET', 'POST']).default('GET'),
    headers: z.record(z.string(), z.string()).default({}),
    form: z.record(z.string(), z.string()).optional().describe('POST body fields (templates), sent form-encoded'),
    cookiesFile: z.string().min(1).optional().describe('cookies exported from a logged-in browser (Netscape cookies.txt or JSON)'),
    robots: z.enum(['obey', 'ignore']).default('obey'),
    timeoutSeconds: z.number().positive().max(300).default(20),
    retries: z.number().int().min(0).max(10).default(3),
    userAgent: z.string().min(1).optional(),
    scrolls: z.number().int().min(0).max(100).default(0).describe('browser: scroll to the bottom this many times'),
    waitFor: z.string().min(1).optional().describe('browser: CSS selector to wait for before reading'),
  })
  .strict();

const extractSchema = z
  .object({
    embedded: z
      .object({
        selector: z.string().min(1).describe('script element holding JSON, e.g. script#__NEXT_DATA__'),
        pattern: z.string().min(1).optional().describe('regular expression whose first group is the JSON, e.g. for window.__INITIAL_STATE__ = {...}'),
      })
      .strict()
      .optional(),
    unwrap: z.array(z.string().min(1)).optional().describe('json: JSON paths whose string values are JSON documents to descend into'),
    items: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).describe('JSON path(s) or CSS selector(s) of the item list'),
    fields: fieldsSchema,
    extra: z.record(z.string(), fieldSpecSchema).optional(),
    expect: z.string().min(1).optional().describe('JSON path or CSS selector every page must contain; its absence means the page changed'),
    blocked: z.array(blockedSchema).default([]),
    ratingScale: z.number().min(1).max(10).default(5),
  })
  .strict();

const paginationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z
    .object({
      type: z.literal('page'),
      start: z.number().int().min(0).default(1),
      last: z.string().min(1).optional().describe('JSON path of the last page number'),
      endStatus: z.array(z.number().int()).default([]),
    })
    .strict(),
  z
    .object({
      type: z.literal('cursor'),
      next: z.string().min(1).describe('JSON path of the next cursor'),
      hasMore: z.string().min(1).optional().describe('JSON path of a "more pages" flag'),
    })
    .strict(),
  z
    .object({
      type: z.literal('link'),
      next: z.string().min(1).describe('CSS selector of the next-page link (its href) or JSON path of the next URL'),
    })
    .strict(),
]);

const recipeObject = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,80}$/, 'lower-case letters, digits, "-" and "_"'),
    platform: z.string().regex(/^[a-z0-9_.-]{1,60}$/, 'lower-case letters, digits, "_", "-" or "."'),
    description: z.string().optional(),
    enabled: z.boolean().default(true),
    brands: z.array(z.string().min(1)).default([]).describe('brand ids or names; empty means every configured brand'),
    keywords: z.array(z.string().min(1)).optional().describe('search terms; without them each brand\'s own keywords are used'),
    products: z
      .array(
        z
          .object({ id: z.string().min(1), brand: z.string().min(1), vars: z.record(z.string(), z.string()).default({}) })
          .strict(),
      )
      .optional()
      .describe('ids for {productId}: products, videos, apps, threads'),
    schedule: z.string().min(1).describe('cron expression, e.g. "*/15 * * * *"'),
    timezone: z.string().default('UTC').refine(isKnownTimeZone, 'unknown IANA time zone, e.g. "Asia/Shanghai" or "UTC"'),
    lang: z.string().max(10).optional(),
    fetch: fetchSchema,
    politeness: z
      .object({
        concurrency: z.number().int().min(1).max(8).default(1),
        minIntervalMs: z.number().int().min(0).default(2000),
      })
      .strict()
      .default({ concurrency: 1, minIntervalMs: 2000 }),
    extract: extractSchema,
    pagination: paginationSchema.default({ type: 'none' }),
    limits: z
      .object({
        pages: z.number().int().min(1).default(5),
        items: z.number().int().min(1).default(500),
        seconds: z.number().positive().default(120),
      })
      .strict()
      .default({ pages: 5, items: 500, seconds: 120 }),
  })
  .strict();

/** A source recipe: what to fetch, how to read items from it, how far to page, how politely. */
export type Recipe = z.output<typeof recipeObject>;
export const recipeSchema = recipeObject.superRefine(checkConsistency);
export type FetchMode = Recipe['fetch']['mode'];

const usesHtml = (mode: FetchMode, embedded: unknown) => (mode === 'http' || mode === 'browser') && !embedded;

/** Checks across sections: placeholders have a source, paths parse, selectors are used where HTML is read. */
function checkConsistency(recipe: Recipe, ctx: z.RefinementCtx): void {
  const template = [recipe.fetch.url, ...Object.values(recipe.fetch.form ?? {})].join(' ');
  const needs = (name: string) => new RegExp(`\\{${name}(\\|[a-z|]+)?\\}`).test(template);
  if (needs('productId') && !recipe.products?.length)
    ctx.addIssue({ code: 'custom', path: ['products'], message: 'the URL uses {productId}: list products as [{ id, brand }]' });
  if (needs('page') && recipe.pagination.type !== 'page')
    ctx.addIssue({ code: 'custom', path: ['pagination'], message: 'the URL uses {page}: set pagination.type to "page"' });
  if (needs('cursor') && recipe.pagination.type !== 'cursor')
    ctx.addIssue({ code: 'custom', path: ['pagination'], message: 'the URL uses {cursor}: set pagination.type to "cursor"' });
  if (recipe.keywords && recipe.brands.length !== 1)
    ctx.addIssue({ code: 'custom', path: ['keywords'], message: 'keywords belong to one brand: list exactly one brand, or drop keywords to use each brand\'s own' });
  if (recipe.fetch.form && recipe.fetch.method !== 'POST')
    ctx.addIssue({ code: 'custom', path: ['fetch', 'method'], message: 'a form body needs method: POST' });
  if (recipe.extract.embedded && recipe.fetch.mode !== 'http' && recipe.fetch.mode !== 'browser')
    ctx.addIssue({ code: 'custom', path: ['extract', 'embedded'], message: 'embedded JSON is read from HTML: use mode http or browser' });
  checkLinkTemplate(recipe, ctx);
  if (usesHtml(recipe.fetch.mode, recipe.extract.embedded)) checkSelectors(recipe, ctx);
  else checkPaths(recipe, ctx);
  for (const p of [recipe.extract.embedded?.pattern, ...specPatterns(recipe)]) {
    if (!p) continue;
    try {
      new RegExp(p);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['extract'], message: `invalid regular expression ${JSON.stringify(p)}: ${(e as Error).message}` });
    }
  }
}

/**
 * A mention's link built from a template or a constant must be http(s) or relative to the page
 * ("/t/{slug}/{id}"): a `javascript:` or `data:` template would store a link nobody should click.
 */
function checkLinkTemplate(recipe: Recipe, ctx: z.RefinementCtx): void {
  const spec = recipe.extract.fields.url;
  if (!spec || typeof spec !== 'object') return;
  for (const key of ['template', 'value'] as const) {
    const v = spec[key];
    if (v === undefined) continue;
    const scheme = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/.exec(String(v))?.[1]?.toLowerCase();
    if (scheme !== undefined && scheme !== 'http' && scheme !== 'https')
      ctx.addIssue({ code: 'custom', path: ['extract', 'fields', 'url', key], message: `links must be http:// or https:// (or a path relative to the page), not "${scheme}:"` });
    else if (/^\s*\{/.test(String(v)))
      ctx.addIssue({ code: 'custom', path: ['extract', 'fields', 'url', key], message: 'a link template must not start with a {hole}: begin with https://host/ or a path such as /t/{id}' });
  }
}

function specPatterns(recipe: Recipe): string[] {
  const specs = [...Object.values(recipe.extract.fields), ...Object.values(recipe.extract.extra ?? {})];
  return specs.flatMap((s) => (typeof s === 'object' && s.pattern ? [s.pattern] : []));
}

const emptyPage = load('');

function checkSelectors(recipe: Recipe, ctx: z.RefinementCtx): void {
  const check = (selector: string, at: (string | number)[]) => {
    try {
      if (selector.trim() !== '.') emptyPage(selector);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: at, message: `invalid CSS selector ${JSON.stringify(selector)}: ${(e as Error).message}` });
    }
  };
  const items = Array.isArray(recipe.extract.items) ? recipe.extract.items : [recipe.extract.items];
  items.forEach((sel, i) => check(sel, ['extract', 'items', ...(Array.isArray(recipe.extract.items) ? [i] : [])]));
  for (const [name, spec] of Object.entries(recipe.extract.fields)) {
    const selector = typeof spec === 'string' ? spec.replace(/@[\w:-]+$/, '') : spec?.selector;
    if (selector) check(selector, ['extract', 'fields', name]);
  }
  if (recipe.pagination.type === 'link') check(recipe.pagination.next, ['pagination', 'next']);
}

function checkPaths(recipe: Recipe, ctx: z.RefinementCtx): void {
  const check = (path: string, at: (string | number)[]) => {
    try {
      parsePath(path);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: at, message: (e as Error).message });
    }
  };
  const items = Array.isArray(recipe.extract.items) ? recipe.extract.items : [recipe.extract.items];
  items.forEach((p, i) => check(p, ['extract', 'items', ...(Array.isArray(recipe.extract.items) ? [i] : [])]));
  for (const [name, spec] of Object.entries(recipe.extract.fields)) {
    if (typeof spec === 'string') check(spec, ['extract', 'fields', name]);
    else if (spec?.selector) ctx.addIssue({ code: 'custom', path: ['extract', 'fields', name, 'selector'], message: `mode ${recipe.fetch.mode} reads JSON: use path, not selector` });
  }
}
