import { createHash } from 'node:crypto';

/**
 * A data subject as goldenhour can find them: the hash of an author's handle on a platform (handles are
 * stored hashed unless `storeAuthorHandles` is on), or the mention a person points at.
 */
export type Subject = { platform: string; author: string } | { mention: string } | { url: string };

/** The hash ingest stores as `author.hash`: platform and handle (or display name when no handle). */
export function authorHash(platform: string, handle: string): string {
  return createHash('sha256').update(`${platform}:${handle}`).digest('hex').slice(0, 16);
}

/** The hash the author index files a mention's link under. */
export function urlHash(url: string): string {
  return `u${createHash('sha256').update(url).digest('hex').slice(0, 15)}`;
}

/** A stable id for a subject: the same request names the same erasure job, so a re-run resumes it. */
export function subjectId(s: Subject): string {
  const what = 'author' in s ? `a:${authorHash(s.platform, s.author)}` : 'mention' in s ? `m:${s.mention}` : `u:${urlHash(s.url)}`;
  return createHash('sha256').update(what).digest('hex').slice(0, 20);
}

/** A short description for logs and records that names no person (hashes only). */
export function describeSubject(s: Subject): string {
  if ('author' in s) return `author ${authorHash(s.platform, s.author)} on ${s.platform}`;
  if ('mention' in s) return `mention ${createHash('sha256').update(s.mention).digest('hex').slice(0, 16)}`;
  return `link ${urlHash(s.url)}`;
}

/** The hash the erased-mentions list keeps, so a re-collected post is recognised without keeping its id. */
export function erasedKeyHash(key: string): string {
  return createHash('sha256').update(`erased:${key}`).digest('hex').slice(0, 24);
}
