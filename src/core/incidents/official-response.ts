/**
 * The brand's own public reply: a post by one of its official accounts that lands in an incident's story
 * (a quote or repost of the complaint with the brand's statement) or replies in a thread the incident
 * captured (its parent, thread or in-reply-to is one of the incident's posts) is the incident's first
 * public response, at the post's time.
 */
import type { IncidentState } from './state-machine.js';

/** Official accounts of a brand: platform → handles or names ("@Acme官方" and "acme官方" are the same). */
export type OfficialAccounts = Record<string, string[]>;

/** A newly stored mention as matching needs it. */
export interface PostForResponse {
  /** Mention key `platform:externalId`. */
  key: string;
  brand: string;
  platform: string;
  url?: string;
  text: string;
  publishedAt: Date;
  author?: { name?: string; handle?: string };
  extra?: Record<string, unknown>;
  /** The story the mention joined, if known. */
  story?: string | null;
}

/** An unresolved incident as matching needs it. */
export interface IncidentForResponse {
  id: string;
  brand: string;
  /** Its stories: the one it opened for and those its alerts carried. */
  stories: readonly string[];
  /** Mention keys of its posts (story first posts, evidence posts): a reply to one is a reply in its thread. */
  posts: readonly string[];
  /** Whether a first public response is already recorded (by a person or an earlier official post). */
  responded: boolean;
  /** Mention keys a responder said were not the brand's response. */
  rejected: readonly string[];
}

export interface OfficialResponse {
  incident: string;
  account: string;
  mention: string;
  via: 'story' | 'thread';
  at: Date;
  url: string;
  text: string;
}

/** Fields of a scraped post that name what it replies to (the same names case threads read). */
const REPLY_FIELDS = ['parentId', 'inReplyTo', 'threadId', 'thread'] as const;
const TEXT_CHARS = 500;

/** "@Acme官方 " → "acme官方": handles compare without "@", case or width differences. */
export function normalHandle(handle: string): string {
  return handle.normalize('NFKC').trim().replace(/^@+/, '').toLowerCase();
}

/** The official account (as configured) that wrote the post, or null. */
export function officialAccountOf(accounts: OfficialAccounts | undefined, post: Pick<PostForResponse, 'platform' | 'author'>): string | null {
  const list = accounts?.[post.platform];
  if (!list?.length || !post.author) return null;
  const said = [post.author.handle, post.author.name].filter((s): s is string => !!s).map(normalHandle);
  return list.find((a) => said.includes(normalHandle(a))) ?? null;
}

/** The mention keys a post replies to, from its reply fields (same platform). */
export function repliesTo(post: Pick<PostForResponse, 'platform' | 'extra'>): string[] {
  const out: string[] = [];
  for (const f of REPLY_FIELDS) {
    const v = post.extra?.[f];
    if (typeof v === 'string' || typeof v === 'number') out.push(`${post.platform}:${v}`);
  }
  return out;
}

/**
 * The first public responses an official post gives: one per unresolved incident of its brand that has
 * none yet, whose story it joined or whose thread it replies in, and that no responder rejected it for.
 */
export function officialResponses(post: PostForResponse, account: string, incidents: readonly IncidentForResponse[], fallbackUrl: string): OfficialResponse[] {
  const replies = repliesTo(post);
  const out: OfficialResponse[] = [];
  for (const i of incidents) {
    if (i.brand !== post.brand || i.responded || i.rejected.includes(post.key)) continue;
    const via = post.story && i.stories.includes(post.story) ? 'story' : replies.some((r) => i.posts.includes(r)) ? 'thread' : null;
    if (!via) continue;
    const text = post.text.length > TEXT_CHARS ? `${post.text.slice(0, TEXT_CHARS - 1)}…` : post.text;
    out.push({ incident: i.id, account, mention: post.key, via, at: post.publishedAt, url: post.url ?? fallbackUrl, text });
  }
  return out;
}

/** The mention key of a story's first post: a story id is `YYYYMMDD:` and that key. */
export function firstPostOfStory(storyId: string): string {
  return storyId.slice(9);
}

/** What undoing an official response does to an incident: the state it is left in and the milestones cleared. */
export type ResponseUndo = { ok: true; to: IncidentState; clear: string[] } | { ok: false; message: string };

/**
 * Undoing a wrong official match, in any unresolved state: while the match is still the latest step the
 * incident goes back to where it was and loses every milestone the match stamped; after a person moved it
 * on (mitigated, or reopened after resolving) it keeps its state and what those steps imply, and loses only
 * the response, so the response clock runs again. A resolved incident is reopened first.
 */
export function undoOfficialResponse(state: IncidentState, match: { from: IncidentState; stamped: readonly string[] }): ResponseUndo {
  if (state === 'resolved') return { ok: false, message: 'it is resolved: reopen it first, then undo the response' };
  if (state === 'responded') return { ok: true, to: match.from, clear: [...match.stamped] };
  return { ok: true, to: state, clear: match.stamped.filter((m) => m === 'responded') };
}
