import { bandKeys, signature } from './minhash.js';
import { readPost } from './post-text.js';
import { shingles } from './shingles.js';

/** A mention as story matching reads it. */
export interface StoryPost {
  id: string;
  brand: string;
  platform: string;
  text: string;
  title?: string;
  url?: string;
  author?: { name?: string; handle?: string };
  publishedAt: Date;
  /** Likes + shares + comments at the time it is seen. */
  reach: number;
  polarity: 'positive' | 'neutral' | 'negative';
  /** Topic keywords of the mention (counted per story). */
  topics?: readonly string[];
  /** The brand's names and aliases: every post of the brand has them, so they say nothing about the story. */
  names?: readonly string[];
}

/** What a post contributes to matching: exact evidence keys and, when it has enough text, its MinHash. */
export interface PostFeatures {
  /**
   * Keys two posts of one story share for certain: a link (`brand|l:`), or a post and a repost quoting it
   * (`brand|p:author:text`, the same key from the author's own post and from the "//@author:" part of a repost).
   */
  evidence: string[];
  /** Null when the content is too short to compare (a bare "转发微博", an emoji). */
  signature: Uint32Array | null;
  /** LSH band keys of the signature, brand mixed in; empty without a signature. */
  bands: number[];
}

/** Fewer shingles than this is too little text to say two posts are the same story. */
export const MIN_SHINGLES = 4;

/**
 * Band keys keep 30 bits: a small integer is looked up about twice as fast as a larger number in the index's
 * maps of hundreds of thousands of keys; a rare collision only adds a candidate, which similarity then checks.
 */
export const BAND_KEY_MASK = 0x3fffffff;

/** Reads a post once into everything the matcher compares. */
export function postFeatures(post: StoryPost): PostFeatures {
  const read = readPost(post.text, post.title);
  // Keys carry the brand: one link shared about two brands makes a story of each.
  const evidence = read.links.map((l) => `${post.brand}|l:${l}`);
  if (read.posted) for (const who of authorNames(post)) evidence.push(`${post.brand}|p:${who}:${digest(read.posted)}`);
  for (const c of read.chain) if (c.posted) evidence.push(`${post.brand}|p:${c.user}:${digest(c.posted)}`);
  const sh = shingles(withoutNames(read.content, post.names));
  if (sh.length < MIN_SHINGLES) return { evidence, signature: null, bands: [] };
  const sig = signature(sh);
  const brand = fnv(post.brand);
  return { evidence, signature: sig, bands: bandKeys(sig).map((k) => (k ^ brand) & BAND_KEY_MASK) };
}

function withoutNames(content: string, names: readonly string[] | undefined): string {
  let out = content;
  for (const n of names ?? []) if (n.trim()) out = out.split(n.toLowerCase()).join(' ');
  return out;
}

function authorNames(post: StoryPost): string[] {
  const names = [post.author?.handle, post.author?.name].filter((n): n is string => !!n).map((n) => n.replace(/^@/, '').toLowerCase());
  return [...new Set(names)];
}

/** Two independent 32-bit FNV-1a hashes of a text, as 16 hex digits (keys stay short however long the post). */
export function digest(text: string): string {
  return fnv(text).toString(16).padStart(8, '0') + fnv(text, 0x2f8a1b7d).toString(16).padStart(8, '0');
}

function fnv(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
