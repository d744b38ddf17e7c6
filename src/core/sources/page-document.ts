import { load, type CheerioAPI } from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { selectFirst, textOf } from './json-path.js';
import type { Recipe } from './recipe.js';

/** Why a page could not be read; `blocked` and `changed` mark the source degraded, `malformed` too when it repeats. */
export class PageProblem extends Error {
  constructor(
    readonly kind: 'blocked' | 'changed' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

/** A fetched page, parsed the way its recipe reads it: JSON (also RSS and embedded JSON) or HTML. */
export interface PageDocument {
  body: string;
  json?: unknown;
  html?: CheerioAPI;
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // A feed with one item must still give a list.
  isArray: (name) => name === 'item' || name === 'entry',
});

/** Parses a response body per the recipe's mode; throws PageProblem when the body is not what the mode expects. */
export function parsePage(body: string, recipe: Recipe): PageDocument {
  const { mode } = recipe.fetch;
  if (mode === 'json') return { body, json: unwrap(parseJsonBody(body), recipe.extract.unwrap ?? []) };
  if (mode === 'rss') return { body, json: parseFeed(body) };
  const html = loadHtml(body);
  if (!recipe.extract.embedded) return { body, html };
  return { body, html, json: readEmbedded(html, recipe.extract.embedded) };
}

/** HTML through htmlparser2 rather than parse5: about twice as fast on review pages, and as forgiving of broken markup. */
function loadHtml(body: string): CheerioAPI {
  return load(body, { xml: { xmlMode: false, decodeEntities: true } });
}

/** Lets a blocked-page rule look at the body, the HTML or the JSON, whichever the response is. */
export function findBlock(body: string, recipe: Recipe): string | undefined {
  let html: CheerioAPI | undefined;
  let json: unknown;
  let jsonRead = false;
  for (const rule of recipe.extract.blocked) {
    if (rule.contains && body.includes(rule.contains)) return rule.reason;
    if (rule.selector) {
      html ??= loadHtml(body);
      if (html(rule.selector).length > 0) return rule.reason;
    }
    if (rule.path) {
      if (!jsonRead) {
        jsonRead = true;
        try {
          json = parseJsonBody(body);
        } catch {
          json = undefined;
        }
      }
      if (json !== undefined && selectFirst(rule.path, json) !== undefined) return rule.reason;
    }
  }
  return undefined;
}

/**
 * JSON, JSONP ("callback({...});"), or XSSI-guarded JSON (")]}'" first line, as Google serves it) whose
 * body may be batchexecute's length-prefixed chunks, of which the first carries the answer.
 */
export function parseJsonBody(body: string): unknown {
  let text = body.replace(/^\uFEFF/, '').replace(/^\)\]\}'[^\n]*\n/, '').trim();
  if (/^\d+\n/.test(text)) text = text.split('\n').find((line) => line.startsWith('[')) ?? text;
  const jsonp = /^[\w$.]+\s*\(([\s\S]*)\)\s*;?\s*$/.exec(text);
  const candidate = jsonp ? jsonp[1]! : text;
  try {
    return JSON.parse(candidate);
  } catch (e) {
    throw new PageProblem('malformed', `response is not JSON or JSONP (${(e as Error).message}); it starts with ${JSON.stringify(text.slice(0, 60))}`);
  }
}

function unwrap(value: unknown, paths: string[]): unknown {
  let current = value;
  for (const path of paths) {
    const inner = selectFirst(path, current);
    if (typeof inner !== 'string') throw new PageProblem('changed', `extract.unwrap: "${path}" is not a JSON string in this response`);
    current = parseJsonBody(inner);
  }
  return current;
}

function parseFeed(body: string): unknown {
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('<')) throw new PageProblem('malformed', `response is not an RSS/Atom feed; it starts with ${JSON.stringify(trimmed.slice(0, 60))}`);
  try {
    return xml.parse(body);
  } catch (e) {
    throw new PageProblem('malformed', `feed is not well-formed XML: ${(e as Error).message}`);
  }
}

/** JSON inside a script element: __NEXT_DATA__, or window.__INITIAL_STATE__ = {...} read through a pattern. */
function readEmbedded(html: CheerioAPI, embedded: NonNullable<Recipe['extract']['embedded']>): unknown {
  const scripts = html(embedded.selector).toArray().map((el) => html(el).text());
  if (scripts.length === 0) throw new PageProblem('changed', `no element matches extract.embedded.selector "${embedded.selector}"`);
  for (const script of scripts) {
    let text: string | undefined = script;
    if (embedded.pattern) text = new RegExp(embedded.pattern, 's').exec(script)?.[1];
    if (text === undefined) continue;
    try {
      // Xiaohongshu's state is a JS literal with bare `undefined` values, which JSON lacks.
      return JSON.parse(text.replace(/:\s*undefined\b/g, ':null'));
    } catch (e) {
      throw new PageProblem('malformed', `embedded JSON in "${embedded.selector}" does not parse: ${(e as Error).message}`);
    }
  }
  throw new PageProblem('changed', `no "${embedded.selector}" element matches extract.embedded.pattern`);
}

/** Text of a path's first value, for pagination signals. */
export function jsonText(path: string, json: unknown): string | undefined {
  return textOf(selectFirst(path, json));
}
