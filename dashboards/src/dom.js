// A tiny element builder: h('button', { class: 'x', onclick }, 'text', child…). Strings are text, never HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Parses "#/board?brand=acme" into { path: '/board', params }. */
export function route() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  return { path: path || '/', params: new URLSearchParams(query) };
}

export function go(path, params) {
  const q = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')).toString() : '';
  location.hash = `#${path}${q ? `?${q}` : ''}`;
}

/** Whether a link from a mention (written by strangers) may be followed: absolute http or https only. */
export function isWebUrl(url) {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.hostname);
  } catch {
    return false;
  }
}

/**
 * A link out of goldenhour: opens in a new tab without handing the page a window.opener or a Referer.
 * A link that is not http(s) (javascript:, data:…) is shown as plain text.
 */
export function externalLink(url, ...children) {
  return isWebUrl(url) ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, ...children) : h('span', {}, ...children);
}
