import { escapeHtml } from '../web/links.js';

/** Evidence lists (signal, alert and incident `topMentions`) and free-text copies of mentions: how their personal parts are removed. */

export const REMOVED_ON_REQUEST = '[removed on request]';
export const REMOVED_UNDER_RETENTION = '[removed under retention]';

export interface EvidenceEntry {
  platform: string;
  externalId: string;
  url?: string;
  text: string;
  engagement: number;
}

/** Whether an entry is already a placeholder (nothing personal left in it). */
export const isPlaceholder = (e: EvidenceEntry) => e.text === REMOVED_ON_REQUEST || e.text === REMOVED_UNDER_RETENTION;

/**
 * Replaces the entries of the given mention keys (all entries when `keys` is null) by a placeholder that
 * keeps the platform and engagement, so lists keep their length and order; returns how many changed.
 */
export function redactEvidence(list: readonly EvidenceEntry[], keys: ReadonlySet<string> | null, placeholder: string): { list: EvidenceEntry[]; changed: number } {
  let changed = 0;
  const out = list.map((e) => {
    if (isPlaceholder(e) || (keys && !keys.has(`${e.platform}:${e.externalId}`))) return e;
    changed++;
    return { platform: e.platform, externalId: '', text: placeholder, engagement: e.engagement };
  });
  return { list: out, changed };
}

/** The strings a notification body may hold of a mention: its text as evidence shows it, and its link, raw, HTML- and JSON-escaped. */
export function needlesOf(copies: readonly { text?: string; url?: string }[]): string[] {
  const out = new Set<string>();
  for (const c of copies) {
    for (const s of [c.text, c.url]) {
      if (!s || s.length < 8) continue;
      // Mail clips evidence to 280 characters, chat webhooks to 120 (see notifications/channels).
      for (const v of [s, clip(s, 280), clip(s, 280).slice(0, -1), clip(s, 120).slice(0, -1)]) {
        out.add(v);
        out.add(escapeHtml(v));
        out.add(JSON.stringify(v).slice(1, -1));
      }
    }
  }
  // Longest first, so a clipped copy never leaves the tail of a longer one behind.
  return [...out].filter((s) => s.length >= 8).sort((a, b) => b.length - a.length);
}

/** The body with every needle replaced by the placeholder; `changed` when anything was. */
export function redactText(body: string, needles: readonly string[], placeholder: string): { text: string; changed: boolean } {
  let text = body;
  for (const n of needles) if (text.includes(n)) text = text.split(n).join(placeholder);
  return { text, changed: text !== body };
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
