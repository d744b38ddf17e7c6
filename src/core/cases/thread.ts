/** What identifies the conversation a mention belongs to. */
export interface ThreadRef {
  brand: string;
  platform: string;
  externalId: string;
  authorHash?: string;
  extra?: Record<string, unknown>;
}

// Recipes put the conversation a comment answers under one of these keys (first found wins).
const THREAD_KEYS = ['threadId', 'thread', 'parentId', 'inReplyTo', 'productId', 'sku'] as const;

/** The thread of a mention: the conversation or product page it was posted under, else the mention itself. */
export function threadOf(m: ThreadRef): string {
  for (const k of THREAD_KEYS) {
    const v = m.extra?.[k];
    if (typeof v === 'string' || typeof v === 'number') return `${k}:${v}`;
  }
  return `self:${m.externalId}`;
}

/**
 * Whether a case could already be open on the mention's thread: only when it was posted under a named
 * conversation or product page. A thread of its own starts with the mention, so a new mention's is new.
 */
export function inSharedThread(m: ThreadRef): boolean {
  return !threadOf(m).startsWith('self:');
}

/**
 * The key that makes a follow-up join an open case: the same brand, platform, thread and author. A
 * mention without a known author never joins another (two strangers in one thread are two cases).
 */
export function caseThreadKey(m: ThreadRef): string {
  const who = m.authorHash ?? `mention:${m.externalId}`;
  return [m.brand, m.platform, threadOf(m), who].join('|');
}
