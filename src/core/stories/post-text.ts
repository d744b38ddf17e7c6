import { isHan } from '../text/han.js';

/**
 * How a post is read for story matching: its own words, the repost chain it quotes ("…//@user: …" on
 * Weibo, "RT @user: …" elsewhere), the links it shares, and the content that stands for the story (the
 * innermost quoted text when there is a chain: that is the post everyone is passing on).
 */
export interface PostText {
  /** The poster's own words, without the chain, links, @names and repost boilerplate. */
  own: string;
  /** The whole post squeezed to letters, digits and Han (how a repost quotes it, whatever the spacing). */
  posted: string;
  /**
   * Quoted chain from the nearest repost to the original: who wrote each part, what they posted (their
   * part and everything they quoted, squeezed like `posted`) and their own part alone.
   */
  chain: { user: string; posted: string; segment: string }[];
  /** Canonical forms of the links the text shares. */
  links: string[];
  /** The text the story's shingles are cut from. */
  content: string;
}

const URL = /https?:\/\/[^\s，。！？、；：“”‘’（）【】《》<>"'\u3000]+/gi;
/** "//@name:" (Weibo) or "RT @name:" (X and clones): a quoted post follows. Full-width colons too. */
const CHAIN = /(?:\/\/\s*@|\bRT\s+@)([^\s:：]{1,40})\s*[:：]/gi;
/** What a platform writes when someone reposts without a word of their own; it carries no story. */
const BOILERPLATE = /转发微博|轉發微博|repost(?:ed)?\b|分享自\S*|分享图片|查看图片|网页链接|展开全文|原文链接/gi;
const AT_NAME = /@[^\s@:：，,。]{1,30}/g;
/** Tracking parameters that differ between shares of one link. */
const TRACKING = /^(utm_\w+|spm|from|share\w*|src|ref|fbclid|gclid|si|isappinstalled|wfr|mid|ivk_sa)$/i;

/** Reads a post's title and text as story matching needs them. */
export function readPost(text: string, title?: string): PostText {
  const whole = (title ? `${title}\n${text}` : text).normalize('NFKC');
  const links = [...new Set([...whole.matchAll(URL)].map((m) => canonicalLink(m[0])).filter((l): l is string => !!l))];
  const unlinked = whole.replace(URL, ' ');
  const parts = splitChain(unlinked);
  const own = clean(parts.own);
  const chain = parts.chain.map((c) => ({ user: c.user.toLowerCase(), posted: hasContent(clean(c.text)) ? squeeze(c.text) : '', segment: clean(c.segment) }));
  // The innermost part of the chain that still says something is closest to the original post.
  const quoted = [...chain].reverse().find((c) => hasContent(c.segment));
  return { own, posted: hasContent(clean(unlinked)) ? squeeze(unlinked) : '', chain, links, content: quoted ? quoted.segment : own };
}

function splitChain(text: string): { own: string; chain: { user: string; text: string; segment: string }[] } {
  const marks = [...text.matchAll(CHAIN)];
  if (!marks.length) return { own: text, chain: [] };
  const chain = marks.map((m, i) => {
    const start = m.index! + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index! : text.length;
    // Everything after a marker is exactly what that user posted (their words and what they quoted).
    return { user: m[1]!, text: text.slice(start), segment: text.slice(start, end) };
  });
  return { own: text.slice(0, marks[0]!.index!), chain };
}

/** Letters, digits and Han only, lower-cased: "Y //@C：Z" and "Y//@C: Z" are the same post. */
function squeeze(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function clean(text: string): string {
  return text.replace(BOILERPLATE, ' ').replace(AT_NAME, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Enough letters or Han characters to stand for a post (not "转发" or an emoji). */
export function hasContent(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length && n < 6; i++) {
    const c = text.charCodeAt(i);
    if (isHan(c)) n += 2;
    else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) n += 0.5;
  }
  return n >= 6;
}

/**
 * A link as every share of it would write it: lower-case host without "www.", no fragment, no tracking
 * parameters, no trailing slash. Links to a site's front page say nothing about a story and are dropped.
 */
export function canonicalLink(raw: string): string | undefined {
  let url: globalThis.URL;
  try {
    url = new globalThis.URL(raw.replace(/[.,;!?)\]]+$/, ''));
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  const params = [...url.searchParams].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
  if (!path && !params.length) return undefined;
  const query = params.length ? `?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  return `${url.hostname.replace(/^www\./, '').toLowerCase()}${path}${query}`;
}
