import type { PageExtract } from './extract.js';
import type { Recipe } from './recipe.js';
import { resolveWebUrl } from '../web/links.js';

/** One page to fetch: `index` counts pages of this query from 1; page/cursor/url feed the template. */
export interface PageRequest {
  index: number;
  page?: number;
  cursor?: string;
  /** An absolute next-page URL (link pagination) replacing the template. */
  url?: string;
}

export type StopReason =
  | 'single-page'
  | 'no-items'
  | 'no-new-items'
  | 'no-next'
  /** The next link is not an http(s) URL (javascript:, file:, data:…): not followed. */
  | 'unsafe-next-link'
  | 'last-page'
  | 'repeated-cursor'
  | 'end-status'
  | 'page-limit'
  | 'item-limit'
  | 'time-limit'
  | 'error';

/** The first page of a query. */
export function firstRequest(recipe: Recipe): PageRequest {
  const p = recipe.pagination;
  return p.type === 'page' ? { index: 1, page: p.start } : p.type === 'cursor' ? { index: 1, cursor: '' } : { index: 1 };
}

/** Cursors and URLs already fetched in this query: a platform that hands back an old cursor is looping. */
export interface PaginationMemory {
  cursors: Set<string>;
  urls: Set<string>;
}

/**
 * Decides the page after `current` from what the page gave. `newItems` counts items not seen earlier
 * in this run, so a platform that repeats its last page forever stops here instead of at the limits.
 */
export function nextRequest(
  recipe: Recipe,
  current: PageRequest,
  result: Pick<PageExtract, 'found' | 'next' | 'last' | 'hasMore'> & { newItems: number; pageUrl: string },
  memory: PaginationMemory,
): PageRequest | { stop: StopReason } {
  const p = recipe.pagination;
  if (p.type === 'none') return { stop: 'single-page' };
  if (result.found === 0) return { stop: 'no-items' };
  if (result.newItems === 0) return { stop: 'no-new-items' };
  if (current.index >= recipe.limits.pages) return { stop: 'page-limit' };
  if (p.type === 'page') {
    const page = (current.page ?? p.start) + 1;
    if (result.last !== undefined && page > result.last) return { stop: 'last-page' };
    return { index: current.index + 1, page };
  }
  if (p.type === 'cursor') {
    if (result.hasMore === false || !result.next) return { stop: 'no-next' };
    if (memory.cursors.has(result.next)) return { stop: 'repeated-cursor' };
    memory.cursors.add(result.next);
    return { index: current.index + 1, cursor: result.next };
  }
  if (!result.next) return { stop: 'no-next' };
  const link = resolveWebUrl(result.next, result.pageUrl);
  if ('dropped' in link) return { stop: 'unsafe-next-link' };
  const url = link.url;
  memory.urls.add(result.pageUrl);
  if (memory.urls.has(url)) return { stop: 'repeated-cursor' };
  return { index: current.index + 1, url };
}
