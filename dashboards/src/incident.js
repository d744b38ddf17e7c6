import { api, loadSession, session } from './api.js';
import { brandName, brands } from './brands.js';
import { countdown, startTicker, tick } from './countdown.js';
import { correctionControl } from './correction.js';
import { clear, externalLink, h } from './dom.js';
import { currentLang, t } from './i18n.js';
import { incidentTitle, timelineEntry } from './incident-text.js';
import { subscribe } from './live.js';
import { causeCard, officialResponseLine, storyCard } from './story-view.js';

/** What each action asks for before it is sent; actions without fields go at once. */
const FIELDS = {
  assign: [['owner', 'owner', 'text', true], ['team', 'team', 'text', false]],
  respond: [['url', 'responseUrl', 'url', true], ['text', 'text', 'textarea', true]],
  mitigate: [['text', 'text', 'textarea', true]],
  resolve: [['text', 'text', 'textarea', false]],
  reopen: [['reason', 'text', 'textarea', false]],
  note: [['text', 'text', 'textarea', true]],
};

/** One incident: deadlines, evidence, the audit trail, the draft check and the allowed transitions. */
export async function renderIncident(main, id) {
  const root = h('div', { class: 'incident-page' });
  main.append(h('p', {}, h('a', { href: '#/board' }, '← ', t('back'))), root);
  // Loads can overlap (an action and a live event at once): only the latest one paints, and a live
  // reload never paints over an action form someone is filling in.
  let latest = 0;
  const list = await brands();
  let story = null;
  const show = (incident) => {
    latest += 1;
    paint(root, incident, show, list, story);
    tick(root);
  };
  const load = async () => {
    const mine = ++latest;
    await loadSession();
    const incident = await api(`/api/v1/incidents/${encodeURIComponent(id)}`);
    const card = await storyCard(incident);
    if (mine !== latest || root.querySelector('.action-form')) return;
    story = card;
    paint(root, incident, show, list, story);
    tick(root);
  };
  await load();
  const stopTicker = startTicker();
  const stopLive = subscribe((e) => {
    if (!e.incident || e.incident === id) void load().catch(() => undefined);
  });
  return () => {
    stopTicker();
    stopLive();
  };
}

/** The summary as written: its first lines as paragraphs, its "- " lines as a list. */
function summary(text) {
  const lines = text.split('\n').filter((l) => l.trim());
  const items = lines.filter((l) => l.startsWith('- '));
  return h('div', { class: 'summary' }, lines.filter((l) => !l.startsWith('- ')).map((l) => h('p', {}, l)), items.length ? h('ul', {}, items.map((l) => h('li', {}, l.slice(2)))) : null);
}

function paint(root, i, show, list, story) {
  const draft = root.querySelector('#draft')?.value ?? '';
  const fmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
  const due = (kind) => i.slaStatus.find((s) => s.kind === kind);
  clear(root).append(
    h('header', { class: 'incident-head' },
      h('span', { class: `sev sev-${i.severity}` }, i.severity),
      h('h1', { title: i.title }, incidentTitle(i, brandName(list, i.brand))),
      h('span', { class: 'state', dataset: { state: i.state } }, t(`state_${i.state}`))),
    h('div', { class: 'meta' }, `${brandName(list, i.brand)} · ${t('owner')}: ${i.owner ?? t('unassigned')}${i.team ? ` · ${t('team')}: ${i.team}` : ''}`),
    h('div', { class: 'clocks big' }, due('response') ? countdown(t('respondBy'), due('response')) : null, due('solution') ? countdown(t('solveBy'), due('solution')) : null),
    officialResponseLine(i, list.find((b) => b.id === i.brand)?.timezone),
    summary(i.summary),
    actions(i, show),
    h('div', { class: 'grid' },
      causeCard(i.evidence.cause),
      story,
      h('section', { class: 'card', 'aria-label': t('evidence') }, h('h2', {}, t('evidence')),
        i.evidence.crisisTerms.length ? h('p', {}, `${t('crisisTermsShort')}: `, i.evidence.crisisTerms.map((c) => h('span', { class: 'badge crisis' }, c))) : null,
        h('ol', { class: 'mentions' }, i.evidence.topMentions.map((m) => h('li', {},
          h('div', { class: 'meta' }, h('span', { class: 'badge' }, m.platform), ` ${m.engagement.toLocaleString()} ${t('engagement')}`),
          externalLink(m.url, m.text), correctionControl(m))))),
      h('section', { class: 'card', 'aria-label': t('timeline') }, h('h2', {}, t('timeline')),
        h('ol', { class: 'timeline' }, [...i.audit].reverse().map((a) => {
          const e = timelineEntry(a, (d) => fmt.format(d));
          return h('li', { dataset: { action: a.action } },
            h('time', { datetime: a.at }, fmt.format(new Date(a.at))), ' ', h('b', {}, e.action), ` — ${e.by}`,
            e.move ? ` (${e.move})` : '', e.detail ? h('div', { class: 'muted' }, e.detail) : null);
        }))),
      draftCheck(i)));
  root.querySelector('#draft').value = draft;
}

/** The allowed transitions; an action shows the incident as the API returns it after the change. */
function actions(i, show) {
  const box = h('section', { class: 'actions', 'aria-label': t('actions') });
  if (!i.actions.length) {
    if (session.role === 'viewer') box.append(h('p', { class: 'muted', id: 'viewer-note' }, t('viewerNote')));
    return box;
  }
  const error = h('p', { class: 'error', role: 'alert' });
  const formBox = h('div', {});
  const send = async (action, body) => {
    error.textContent = '';
    try {
      show(await api(`/api/v1/incidents/${encodeURIComponent(i.id)}/${action}`, { method: 'POST', json: body }));
    } catch (e) {
      error.textContent = e.message;
    }
  };
  if (i.response?.official && i.state !== 'resolved') {
    box.append(h('button', { type: 'button', dataset: { action: 'undo-response' }, onclick: async () => {
      error.textContent = '';
      try {
        show(await api(`/api/v1/incidents/${encodeURIComponent(i.id)}/response/undo`, { method: 'POST', json: {} }));
      } catch (e) {
        error.textContent = e.message;
      }
    } }, t('undoOfficial')));
  }
  for (const action of i.actions) {
    box.append(h('button', { type: 'button', class: action === 'resolve' || action === 'respond' ? 'primary' : '', dataset: { action }, onclick: () => {
      if (action === 'acknowledge') return void send(action, {});
      clear(formBox).append(actionForm(action, send, () => clear(formBox)));
      formBox.querySelector('input, textarea')?.focus();
    } }, t(`act_${action}`)));
  }
  box.append(formBox, error);
  return box;
}

function actionForm(action, send, close) {
  const fields = FIELDS[action] ?? [];
  const inputs = fields.map(([name, label, type, required]) => {
    const id = `a-${action}-${name}`;
    const input = type === 'textarea' ? h('textarea', { id, name, required, rows: 3 }) : h('input', { id, name, type, required });
    return [h('label', { for: id }, t(label)), input];
  });
  return h('form', { class: 'action-form card', dataset: { action }, onsubmit: (e) => {
    e.preventDefault();
    const body = {};
    for (const [name] of fields) {
      const v = e.target.elements[name].value.trim();
      if (v) body[name] = v;
    }
    void send(action, body);
  } }, h('h3', {}, t(`act_${action}`)), ...inputs.flat(), h('div', {}, h('button', { type: 'submit', class: 'primary' }, t('submit')), ' ', h('button', { type: 'button', onclick: close }, t('cancel'))));
}

function draftCheck(i) {
  const area = h('textarea', { id: 'draft', rows: 5, placeholder: t('draftPlaceholder') });
  const out = h('div', { class: 'draft-result', 'aria-live': 'polite' });
  return h('section', { class: 'card', 'aria-label': t('draftCheck') }, h('h2', {}, t('draftCheck')),
    h('label', { for: 'draft', class: 'sr-only' }, t('draftCheck')), area,
    h('button', { type: 'button', onclick: async () => {
      if (!area.value.trim()) return;
      try {
        const r = await api(`/api/v1/incidents/${encodeURIComponent(i.id)}/draft-check`, { method: 'POST', json: { text: area.value, lang: /[\u4e00-\u9fff]/.test(area.value) ? 'zh' : currentLang() === 'zh' ? 'zh' : 'en' } });
        clear(out).append(r.ok ? h('p', { class: 'good' }, '✓ ', t('noIssues')) : h('ul', {}, r.findings.map((f) => h('li', {}, h('b', {}, f.rule), `: ${f.message}`, h('div', { class: 'muted' }, f.suggestion)))),
          r.ok ? null : h('details', {}, h('summary', {}, t('summary')), h('p', {}, r.suggestedReply)));
      } catch (e) {
        clear(out).append(h('p', { class: 'error' }, e.message));
      }
    } }, t('check')), out);
}
