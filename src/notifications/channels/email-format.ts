/** Email rendering of a notice: a text body and an HTML body saying the same. */
import { escapeHtml, htmlLink, isWebUrl } from '../../core/web/links.js';
import type { Notice } from '../../core/notifications/notice.js';

const COLORS: Record<Notice['severity'], string> = { P1: '#b91c1c', P2: '#c2410c', P3: '#a16207', P4: '#4b5563' };
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function emailSubject(n: Notice): string {
  return clip(n.title.startsWith(`[${n.severity}]`) ? n.title : `[${n.severity}] ${n.title}`, 200);
}

export function emailText(n: Notice): string {
  // One line a post: a post's own line breaks would read as the next item of the list.
  const evidence = n.evidence.map((e) => `- [${e.platform}, ${e.engagement} engagements] ${clip(e.text.replace(/\s+/g, ' ').trim(), 280)}${isWebUrl(e.url) ? `\n  ${e.url}` : ''}`);
  return [
    n.title,
    '',
    n.summary,
    '',
    ...n.facts.map((f) => `${f.label}: ${f.value}`),
    ...(n.why?.length ? ['', ...n.why] : []),
    ...(evidence.length ? ['', 'Evidence:', ...evidence] : []),
    '',
    ...n.actions.map((a) => `${a.label}: ${a.url}`),
  ].join('\n');
}

export function emailHtml(n: Notice): string {
  const facts = n.facts.map((f) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('');
  const evidence = n.evidence
    .map((e) => {
      const text = escapeHtml(clip(e.text, 280));
      return `<li>${htmlLink(e.url, text)} <small>(${escapeHtml(e.platform)}, ${e.engagement} engagements)</small></li>`;
    })
    .join('');
  const actions = n.actions
    .map((a, i) => htmlLink(a.url, escapeHtml(a.label), `display:inline-block;margin-right:8px;padding:8px 14px;border-radius:4px;text-decoration:none;${i === 0 ? `background:${COLORS[n.severity]};color:#fff` : 'border:1px solid #999;color:#333'}`))
    .join('');
  return `<!doctype html><html><body style="font-family:sans-serif;color:#111">
<h2 style="color:${COLORS[n.severity]};margin:0 0 8px">${escapeHtml(n.title)}</h2>
<p style="white-space:pre-line">${escapeHtml(n.summary)}</p>
<table>${facts}</table>
${n.why?.length ? `<p style="white-space:pre-line">${escapeHtml(n.why.join('\n'))}</p>` : ''}
${evidence ? `<h3>Evidence</h3><ul>${evidence}</ul>` : ''}
<p>${actions}</p>
</body></html>`;
}
