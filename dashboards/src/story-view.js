// The story behind an incident (first post, where it spread and when, the spread over time), why its
// alert fired, and the brand's own reply that stopped the response clock: on the board card and the
// incident page, in the UI's language.
import { api } from './api.js';
import { externalLink, h } from './dom.js';
import { currentLang, t } from './i18n.js';

/** t() with {name} placeholders filled. */
export function tf(key, vars) {
  return t(key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

const hhmm = (at, timeZone) => new Intl.DateTimeFormat(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date(at));
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const pct = (x) => `${Math.round(x * 100)}%`;
const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * "Responded by @acme at 14:32" when the brand's own post was matched as the first public response, at the
 * brand's time (its configured zone, named when it is not the browser's): the time a PR team reports in.
 */
export function officialResponseLine(i, zone) {
  const official = i.response?.official;
  if (!official) return null;
  const time = `${hhmm(i.response.at, zone)}${zone && zone !== browserZone ? ` (${zone})` : ''}`;
  return h('div', { class: 'official-response' }, '✓ ', tf('respondedBy', { account: official.account, time }));
}

/** The board card's story line: its first post and the platforms it reached, in order. */
export function storyLine(i) {
  const s = i.evidence?.stories?.[0];
  if (!s) return null;
  return h('div', { class: 'story-line' },
    h('span', { class: 'muted' }, `${t('firstPost')}: `), clip(s.first.text, 60),
    h('div', { class: 'platforms' }, s.platforms.map((p) => h('span', { class: 'badge' }, p))));
}

/** Why the alert fired: what changed against the brand's last 7 days. */
export function causeCard(cause) {
  if (!cause) return null;
  const post = (label, p) => p && h('li', {}, h('b', {}, `${label}: `), h('span', { class: 'badge' }, p.platform), p.author ? `@${p.author} ` : '', externalLink(p.url, clip(p.text, 140)),
    p.engagement !== undefined ? h('span', { class: 'muted' }, ` · ${p.engagement.toLocaleString()} ${t('engagement')}`) : '');
  return h('section', { class: 'card cause', 'aria-label': t('whyFired') }, h('h2', {}, t('whyFired')),
    h('p', {}, tf('causeMentions', { now: cause.mentions.now, expected: cause.mentions.expected })),
    cause.terms.length ? h('p', { class: 'terms' }, h('b', {}, `${t('termsRising')}: `), cause.terms.map((x) => h('span', { class: `badge${x.kind === 'crisis' ? ' crisis' : ''}` }, `${x.term} ${tf('termLift', x)}`))) : null,
    cause.platforms.length ? h('p', {}, h('b', {}, `${t('platformsGrowing')}: `), cause.platforms.map((p) => h('span', { class: 'badge' }, tf('platformGrowth', p))).flatMap((b) => [b, ' '])) : null,
    cause.sources?.length ? h('p', { class: 'sources' }, h('b', {}, `${t('sourcesGrowing')}: `), cause.sources.map((p) => h('span', { class: 'badge' }, tf('platformGrowth', { ...p, platform: p.source }))).flatMap((b) => [b, ' '])) : null,
    h('p', { class: 'negative-share' }, tf('negativeNowUsual', { now: pct(cause.negativeShare.now), usual: pct(cause.negativeShare.usual) })),
    h('ul', { class: 'cause-posts' }, post(t('firstPost'), cause.first), post(t('mostEngaged'), cause.mostEngaged), cause.examples.map((p, n) => post(`${t('example')} ${n + 1}`, p))));
}

/** The incident's story, read whole: first post, where it spread and when, and its mentions per hour. */
export async function storyCard(i) {
  const id = i.story ?? i.evidence?.stories?.[0]?.id;
  if (!id) return null;
  let s;
  try {
    s = await api(`/api/v1/stories/${encodeURIComponent(id)}`);
  } catch {
    return null;
  }
  const spread = Object.entries(s.spread).sort(([, a], [, b]) => a - b);
  const hours = Object.entries(s.hours).map(([at, n]) => [Number(at), n]).sort(([a], [b]) => a - b);
  const peak = Math.max(1, ...hours.map(([, n]) => n));
  return h('section', { class: 'card story', 'aria-label': t('story') }, h('h2', {}, t('story'), h('span', { class: 'muted' }, ` · ${tf('storyMentions', { n: s.mentions })}`)),
    h('p', { class: 'first-post' }, h('b', {}, `${t('firstPost')}: `), h('span', { class: 'badge' }, s.first.platform), s.first.author ? `@${s.first.author} ` : '',
      externalLink(s.first.url, clip(s.first.text, 160)), h('span', { class: 'muted' }, ` · ${hhmm(s.first.publishedAt)}`)),
    h('h3', {}, t('spreadTo')),
    h('ol', { class: 'spread' }, spread.map(([p, at]) => h('li', { dataset: { platform: p } }, h('time', { datetime: new Date(at).toISOString() }, hhmm(at)), ' ', h('b', {}, p), h('span', { class: 'muted' }, ` · ${tf('storyMentions', { n: s.platforms[p] ?? 0 })}`)))),
    h('h3', {}, t('spreadTimeline')),
    h('div', { class: 'spread-bars', role: 'img', 'aria-label': t('spreadTimeline') }, hours.map(([at, n]) =>
      h('div', { class: 'bar', title: `${hhmm(at)} · ${n}`, dataset: { hour: new Date(at).toISOString(), count: String(n) }, style: `height:${Math.max(4, Math.round((n / peak) * 60))}px` }))));
}
