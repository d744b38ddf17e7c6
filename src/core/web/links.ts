/**
 * Links from strangers. goldenhour stores and renders only http and https URLs: a `javascript:`,
 * `data:`, `file:` or `vbscript:` link in a post, a review or an import must never become a link a
 * responder clicks, nor an address a scraper follows.
 */

/** The schemes a stored or rendered link may have. */
export const WEB_SCHEMES: readonly string[] = ['http:', 'https:'];

/** Why `value` is not a web link, or undefined when it is an absolute http(s) URL. */
export function webUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not an absolute URL (http:// or https://)';
  }
  if (!WEB_SCHEMES.includes(url.protocol)) return `only http and https links are allowed, not "${url.protocol}"`;
  if (!url.hostname) return 'the link has no host';
  return undefined;
}

/** Whether `value` is an absolute http or https URL. */
export function isWebUrl(value: unknown): value is string {
  return typeof value === 'string' && webUrlProblem(value) === undefined;
}

/**
 * Resolves a link found on a page against the page's URL; the absolute URL when it is http(s),
 * otherwise the reason it was dropped.
 */
export function resolveWebUrl(value: string, base: string): { url: string } | { dropped: string } {
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return { dropped: `unreadable link ${JSON.stringify(clip(value))}` };
  }
  const problem = webUrlProblem(url.toString());
  return problem ? { dropped: `link ${JSON.stringify(clip(value))}: ${problem}` } : { url: url.toString() };
}

/** The link as it may be rendered in an href, or undefined when it must be shown as plain text. */
export function safeHref(value: unknown): string | undefined {
  return isWebUrl(value) ? value : undefined;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** Text as HTML text or attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * An HTML link out of a mail or page goldenhour renders: `innerHtml` (already escaped) wrapped in
 * `<a href target="_blank" rel="noopener noreferrer">` when the URL is http(s); otherwise `innerHtml`
 * alone, so a `javascript:` link from a post never becomes clickable.
 */
export function htmlLink(url: string | undefined, innerHtml: string, style?: string): string {
  const href = safeHref(url);
  if (!href) return innerHtml;
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer"${style ? ` style="${escapeHtml(style)}"` : ''}>${innerHtml}</a>`;
}
