import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { load } from 'cheerio';
import { selectAll, selectFirst, textOf } from './json-path.js';
import { jsonText, PageProblem, type PageDocument } from './page-document.js';
import type { FieldName, FieldSpec, Recipe } from './recipe.js';

/** An item as read from the page: field texts before typing and mapping. */
export interface RawItem {
  fields: Partial<Record<FieldName, string>>;
  extra: Record<string, string>;
}

/** What one page gave: its items, the positions of items it could not read, and where to go next. */
export interface PageExtract {
  items: RawItem[];
  /** Item count before reading fields (broken items included). */
  found: number;
  next?: string;
  last?: number;
  hasMore?: boolean;
}

/** Reads the items and pagination signals of a parsed page; throws PageProblem when the page lost its expected shape. */
export function extractPage(doc: PageDocument, recipe: Recipe): PageExtract {
  const { extract } = recipe;
  const itemPaths = Array.isArray(extract.items) ? extract.items : [extract.items];
  if (doc.json !== undefined) {
    if (extract.expect && selectFirst(extract.expect, doc.json) === undefined)
      throw new PageProblem('changed', `the response lacks extract.expect "${extract.expect}"; the platform may have changed its format`);
    const lists = itemPaths.flatMap((p) => selectAll(p, doc.json));
    if (lists.length === 0 && !extract.expect)
      throw new PageProblem('changed', `extract.items "${itemPaths.join('", "')}" matches nothing in the response; the platform may have changed its format`);
    const raw = lists.flatMap((v) => (Array.isArray(v) ? v : [v]));
    return { items: raw.map((item) => readJsonItem(item, doc.json, recipe)), found: raw.length, ...jsonSignals(doc.json, recipe) };
  }
  const $ = doc.html!;
  if (extract.expect && $(extract.expect).length === 0)
    throw new PageProblem('changed', `the page has no element matching extract.expect "${extract.expect}"; the page layout may have changed`);
  const elements = itemPaths.flatMap((sel) => $(sel).toArray());
  return { items: elements.map((el) => readHtmlItem($(el), $, recipe)), found: elements.length, ...htmlSignals($, recipe) };
}

function readJsonItem(item: unknown, root: unknown, recipe: Recipe): RawItem {
  const read = (spec: FieldSpec) => jsonField(spec, item, root);
  return readFields(recipe, read);
}

function readHtmlItem(el: Cheerio<AnyNode>, $: CheerioAPI, recipe: Recipe): RawItem {
  return readFields(recipe, (spec) => htmlField(spec, el, $));
}

function readFields(recipe: Recipe, read: (spec: FieldSpec) => string | undefined): RawItem {
  const fields: RawItem['fields'] = {};
  for (const [name, spec] of Object.entries(recipe.extract.fields) as [FieldName, FieldSpec | undefined][]) {
    if (spec === undefined) continue;
    const v = finish(spec, read(spec));
    if (v !== undefined) fields[name] = v;
  }
  const extra: Record<string, string> = {};
  for (const [name, spec] of Object.entries(recipe.extract.extra ?? {})) {
    const v = finish(spec, read(spec));
    if (v !== undefined) extra[name] = v;
  }
  return { fields, extra };
}

function jsonField(spec: FieldSpec, item: unknown, root: unknown): string | undefined {
  if (typeof spec === 'string') return textOf(selectFirst(spec, item, root));
  if (spec.value !== undefined) return String(spec.value);
  if (spec.template) return spec.template.replace(/\{([^}]+)\}/g, (_, p: string) => textOf(selectFirst(p, item, root)) ?? '');
  if (spec.paths) return joinTexts(spec.paths.map((p) => textOf(selectFirst(p, item, root))), spec.join);
  return spec.path ? textOf(selectFirst(spec.path, item, root)) : undefined;
}

function htmlField(spec: FieldSpec, el: Cheerio<AnyNode>, $: CheerioAPI): string | undefined {
  if (typeof spec === 'string') {
    const at = spec.lastIndexOf('@');
    const hasAttr = at >= 0 && /^[\w:-]+$/.test(spec.slice(at + 1));
    return htmlValue(el, hasAttr ? spec.slice(0, at) : spec, hasAttr ? spec.slice(at + 1) : undefined);
  }
  if (spec.value !== undefined) return String(spec.value);
  if (spec.template) return spec.template.replace(/\{([^}]+)\}/g, (_, s: string) => htmlField(s, el, $) ?? '');
  return htmlValue(el, spec.selector ?? '.', spec.attr);
}

function htmlValue(el: Cheerio<AnyNode>, selector: string, attr: string | undefined): string | undefined {
  const target = selector.trim() === '' || selector.trim() === '.' ? el : el.find(selector).first();
  if (target.length === 0) return undefined;
  return attr ? target.attr(attr) : blockText(target);
}

/** Text of an element with block boundaries and <br> kept as line breaks (cheerio's .text() glues them). */
function blockText(el: Cheerio<AnyNode>): string {
  const html = el.html() ?? '';
  return htmlToText(html);
}

const COMMON_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

/** The readable text of an HTML fragment: tags dropped, entities decoded, <br>/<p> as new lines. */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|blockquote)>/gi, '\n');
  // Tags are dropped by pattern and common entities decoded directly: parsing every field with a full
  // HTML parser made extraction ten times slower. Rare named entities still go through cheerio.
  const stripped = marked.replace(/<\/?[a-zA-Z][^>]*>|<!--[\s\S]*?-->/g, '');
  let rare = false;
  const decoded = stripped.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
    if (name[0] === '#' && name !== '#39') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const common = COMMON_ENTITIES[name.toLowerCase()];
    if (common === undefined) rare = true;
    return common ?? whole;
  });
  return rare ? load(`<body>${stripped.replace(/</g, '&lt;')}</body>`)('body').text() : decoded;
}

function finish(spec: FieldSpec, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let v = value;
  if (typeof spec === 'object' && spec.html) v = htmlToText(v);
  if (typeof spec === 'object' && spec.pattern) {
    const m = new RegExp(spec.pattern, 's').exec(v);
    if (!m) return undefined;
    v = m[1] ?? m[0];
  }
  const cleaned = v
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return cleaned === '' ? undefined : cleaned;
}

function joinTexts(values: (string | undefined)[], sep: string): string | undefined {
  const present = values.filter((v): v is string => v !== undefined && v.trim() !== '');
  return present.length > 0 ? present.join(sep) : undefined;
}

function jsonSignals(json: unknown, recipe: Recipe): Pick<PageExtract, 'next' | 'last' | 'hasMore'> {
  const p = recipe.pagination;
  if (p.type === 'cursor') {
    const flag = p.hasMore ? jsonText(p.hasMore, json) : undefined;
    return { next: jsonText(p.next, json), hasMore: flag === undefined ? undefined : !['0', 'false', ''].includes(flag) };
  }
  if (p.type === 'link') return { next: jsonText(p.next, json) };
  if (p.type === 'page' && p.last) {
    const last = Number(jsonText(p.last, json));
    return Number.isFinite(last) ? { last } : {};
  }
  return {};
}

function htmlSignals($: CheerioAPI, recipe: Recipe): Pick<PageExtract, 'next'> {
  const p = recipe.pagination;
  if (p.type !== 'link') return {};
  const link = $(p.next).first();
  return link.length > 0 ? { next: link.attr('href') ?? undefined } : {};
}
