import { api, loadSession, session } from './api.js';
import { renderCaseReports } from './case-reports.js';
import { countdown, startTicker, tick } from './countdown.js';
import { clear, externalLink, go, h } from './dom.js';
import { currentLang, t } from './i18n.js';

/**
 * The reply queue: open cases in due order, filters, and a keyboard flow for working through hundreds:
 * j/k move, a claims (or takes over), r records the public reply's link, d drafts a reply and checks it
 * (empathy before explanation), x selects for bulk actions.
 * Viewers see the queue without actions.
 */
export async function renderCases(main, params) {
  const reports = params.get('view') === 'reports';
  const tab = (label, view, current) => h('a', { href: view ? `#/cases?view=${view}` : '#/cases', 'aria-current': current ? 'page' : null }, label);
  main.append(h('nav', { class: 'tabs', 'aria-label': t('casesQueue') }, tab(t('queueTab'), '', !reports), tab(t('caseReports'), 'reports', reports)));
  if (reports) {
    await renderCaseReports(main, params);
    return () => {};
  }
  const filters = { brand: params.get('brand') ?? '', platform: params.get('platform') ?? '', team: params.get('team') ?? '', owner: params.get('owner') ?? '', aspect: params.get('aspect') ?? '' };
  await loadSession();
  const canAct = session.role !== 'viewer';
  const list = h('ol', { class: 'case-list', 'aria-label': t('casesQueue') });
  const status = h('p', { class: 'muted', role: 'status' }, '');
  const bulk = canAct ? bulkBar() : null;
  main.append(h('div', { class: 'board-head' }, h('h1', {}, t('casesQueue'))), filterForm(filters), canAct ? h('p', { class: 'muted keys' }, t('casesKeys')) : h('p', { class: 'muted' }, t('viewerNote')), bulk, status, list);
  let cases = [];
  let at = 0;
  const selected = new Set();

  const load = async () => {
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    q.set('limit', '200');
    cases = (await api(`/api/v1/cases?${q}`)).cases;
    at = Math.min(at, Math.max(0, cases.length - 1));
    paint();
  };
  const paint = () => {
    clear(list);
    if (!cases.length) list.append(h('li', { class: 'muted' }, t('noCases')));
    cases.forEach((c, i) => list.append(row(c, i === at, selected.has(c._id))));
    list.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
    tick(list);
  };
  const act = async (c, action, json = {}) => {
    try {
      await api(`/api/v1/cases/${encodeURIComponent(c._id)}/${action}`, { method: 'POST', json });
      status.textContent = '';
    } catch (err) {
      status.textContent = err.message;
    }
    await load();
  };
  // The reply-link form is part of the state, so a repaint (a load finishing) keeps it open.
  let replying = null;
  const askReply = (c) => {
    replying = c._id;
    paint();
    list.querySelector('#reply-url')?.focus();
  };
  const replyForm = (c) => {
    const input = h('input', { id: 'reply-url', type: 'url', required: true, placeholder: 'https://…', 'aria-label': t('responseUrl') });
    const form = h('form', { class: 'reply-form', onsubmit: (e) => { e.preventDefault(); replying = null; void act(c, 'replied', { url: input.value.trim() }); } },
      h('label', { for: 'reply-url' }, t('responseUrl')), input, h('button', { type: 'submit' }, t('submit')), h('button', { type: 'button', onclick: () => { replying = null; paint(); } }, t('cancel')));
    return form;
  };
  // The draft and its findings are kept across repaints, like the reply-link form.
  let drafting = null;
  let draft = { text: '', result: null };
  const askDraft = (c) => {
    if (drafting !== c._id) draft = { text: '', result: null };
    drafting = c._id;
    paint();
    list.querySelector('#case-draft')?.focus();
  };
  const draftForm = (c) => {
    const area = h('textarea', { id: 'case-draft', rows: 4, placeholder: t('draftPlaceholder'), oninput: (e) => { draft.text = e.target.value; } });
    area.value = draft.text;
    const check = async () => {
      if (!draft.text.trim()) return;
      const lang = /[\u4e00-\u9fff]/.test(draft.text) ? 'zh' : currentLang() === 'zh' ? 'zh' : 'en';
      try {
        draft.result = await api(`/api/v1/cases/${encodeURIComponent(c._id)}/draft-check`, { method: 'POST', json: { text: draft.text, lang } });
      } catch (err) {
        draft.result = { error: err.message };
      }
      paint();
    };
    const r = draft.result;
    const findings = !r ? null : r.error ? h('p', { class: 'error' }, r.error) : r.ok ? h('p', { class: 'good' }, '✓ ', t('noIssues'))
      : h('ul', {}, r.findings.map((f) => h('li', {}, h('b', {}, f.rule), `: ${f.message}`, h('div', { class: 'muted' }, f.suggestion))));
    return h('div', { class: 'draft-form' }, h('label', { for: 'case-draft' }, t('draftCheck')), area,
      h('div', { class: 'row-actions' }, h('button', { type: 'button', onclick: () => void check() }, t('check')), h('button', { type: 'button', onclick: () => { drafting = null; paint(); } }, t('cancel'))),
      h('div', { class: 'draft-result', 'aria-live': 'polite' }, findings));
  };
  const claimOrTake = (c) => (c.owner === session.name ? undefined : c.owner ? act(c, 'assign', { owner: session.name }) : act(c, 'claim'));

  function onKey(e) {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement || e.ctrlKey || e.metaKey || e.altKey) return;
    const c = cases[at];
    if (e.key === 'j' || e.key === 'k') {
      at = Math.max(0, Math.min(cases.length - 1, at + (e.key === 'j' ? 1 : -1)));
      paint();
    } else if (!canAct || !c) return;
    else if (e.key === 'a') void claimOrTake(c);
    else if (e.key === 'r') askReply(c);
    else if (e.key === 'd') askDraft(c);
    else if (e.key === 'x') {
      if (selected.has(c._id)) selected.delete(c._id);
      else selected.add(c._id);
      paint();
    } else return;
    e.preventDefault();
  }

  function bulkBar() {
    const run = async (json) => {
      const ids = selected.size ? [...selected] : cases[at] ? [cases[at]._id] : [];
      if (!ids.length) return;
      const r = await api('/api/v1/cases/bulk', { method: 'POST', json: { ...json, ids } });
      status.textContent = r.failed.length ? r.failed.map((f) => `${f.id}: ${f.error}`).join('; ') : '';
      selected.clear();
      await load();
    };
    return h('div', { class: 'toolbar bulk' },
      h('button', { type: 'button', onclick: () => void run({ action: 'assign', owner: session.name }) }, t('bulkAssignMe')),
      h('button', { type: 'button', onclick: () => void run({ action: 'resolve' }) }, t('bulkResolve')));
  }

  function row(c, current, isSelected) {
    const due = { dueAt: c.dueAt, status: 'pending', paused: c.state === 'waiting' };
    return h('li', { class: `case-row${current ? ' current' : ''}`, 'aria-current': current ? 'true' : null, dataset: { id: c._id, state: c.state }, onclick: (e) => { if (e.target.closest('form, button, a, input')) return; at = cases.indexOf(c); paint(); } },
      canAct ? h('input', { type: 'checkbox', 'aria-label': t('select'), checked: isSelected, onclick: (e) => { e.stopPropagation(); if (e.target.checked) selected.add(c._id); else selected.delete(c._id); } }) : null,
      h('div', { class: 'card-top' }, h('span', { class: 'brand' }, c.brand), h('span', { class: 'badge' }, c.platform), h('span', { class: 'badge' }, t(`case_${c.state}`)), c.reasons.map((r) => h('span', { class: 'badge reason' }, r))),
      h('div', { class: 'snippet' }, c.url ? externalLink(c.url, c.snippet) : c.snippet),
      h('div', { class: 'owner' }, `${t('owner')}: ${c.owner ?? t('unassigned')} · ${c.team} · ${t('reach')} ${c.reach.toLocaleString()}${c.author ? ` · ${c.author}` : ''}`),
      h('div', { class: 'clocks' }, countdown(c.deadline === 'first-reply' ? t('firstReplyBy') : t('resolveBy'), due)),
      canAct && current ? h('div', { class: 'row-actions' },
        c.owner === session.name ? null : h('button', { type: 'button', onclick: () => void claimOrTake(c) }, c.owner ? t('takeOver') : t('claim')),
        h('button', { type: 'button', onclick: () => askReply(c) }, t('markReplied')),
        h('button', { type: 'button', onclick: () => askDraft(c) }, t('draftReply')),
        h('button', { type: 'button', onclick: () => void act(c, 'wait') }, t('waitCustomer')),
        h('button', { type: 'button', onclick: () => void act(c, 'resolve') }, t('act_resolve'))) : null,
      canAct && replying === c._id ? replyForm(c) : null,
      canAct && drafting === c._id ? draftForm(c) : null);
  }

  function filterForm(f) {
    const input = (id, label) => [h('label', { for: `cf-${id}` }, label), h('input', { id: `cf-${id}`, name: id, value: f[id], size: 10, onchange: (e) => { f[id] = e.target.value.trim(); go('/cases', f); } })];
    return h('form', { class: 'toolbar filters', 'aria-label': t('filters'), onsubmit: (e) => e.preventDefault() },
      ...input('brand', t('brand')), ...input('platform', t('platform')), ...input('team', t('team')), ...input('owner', t('owner')), ...input('aspect', t('aspect')));
  }

  await load();
  document.addEventListener('keydown', onKey);
  const stopTicker = startTicker();
  return () => {
    document.removeEventListener('keydown', onKey);
    stopTicker();
  };
}
