import { api, loadSession } from './api.js';
import { brandName, brands as loadBrands } from './brands.js';
import { countdown, startTicker, tick } from './countdown.js';
import { clear, go, h } from './dom.js';
import { t } from './i18n.js';
import { incidentTitle } from './incident-text.js';
import { subscribe } from './live.js';
import { officialResponseLine, storyLine } from './story-view.js';

const COLUMNS = ['open', 'acknowledged', 'responded', 'mitigated', 'resolved'];
const SEVERITIES = ['P1', 'P2', 'P3', 'P4'];

/** The response board: a column per incident state, filters, live countdowns, live updates. */
export async function renderBoard(main, params) {
  const filters = { brand: params.get('brand') ?? '', team: params.get('team') ?? '', owner: params.get('owner') ?? '', severity: params.get('severity') ?? '' };
  const brands = await loadBrands();
  const status = h('span', { class: 'live-status', role: 'status' }, '');
  const columns = h('div', { class: 'board' });
  const form = filterForm(filters, brands);
  main.append(h('div', { class: 'board-head' }, h('h1', {}, t('board')), status), form, columns);
  let known = { teams: new Set(), owners: new Set() };

  // Loads can overlap (live events arrive in bursts): only the latest one paints.
  let latest = 0;
  const load = async () => {
    const mine = ++latest;
    await loadSession();
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    q.set('limit', '200');
    const { incidents } = await api(`/api/v1/incidents?${q}`);
    if (mine !== latest) return;
    for (const i of incidents) {
      if (i.team) known.teams.add(i.team);
      if (i.owner) known.owners.add(i.owner);
    }
    fillOptions(form, known, filters);
    paint(columns, incidents, brands);
    tick(columns);
  };
  await load();
  const stopTicker = startTicker();
  const stopLive = subscribe(() => void load().catch(() => undefined), (up) => {
    status.textContent = up ? `● ${t('live')}` : `○ ${t('offline')}`;
    status.className = `live-status ${up ? 'up' : 'down'}`;
  });
  return () => {
    stopTicker();
    stopLive();
  };
}

function filterForm(f, brands) {
  const apply = () => go('/board', f);
  const sel = (id, label, options) => [h('label', { for: `f-${id}` }, label),
    h('select', { id: `f-${id}`, name: id, onchange: (e) => { f[id] = e.target.value; apply(); } },
      h('option', { value: '' }, t('all')), options.map(([v, text]) => h('option', { value: v, selected: v === f[id] }, text)))];
  return h('form', { class: 'toolbar filters', 'aria-label': t('filters'), onsubmit: (e) => e.preventDefault() },
    ...sel('brand', t('brand'), brands.map((b) => [b.id, brandName(brands, b.id)])),
    ...sel('team', t('team'), f.team ? [[f.team, f.team]] : []),
    ...sel('owner', t('owner'), f.owner ? [[f.owner, f.owner]] : []),
    ...sel('severity', t('severity'), SEVERITIES.map((s) => [s, s])));
}

/** Adds teams and owners seen on incidents to their filter lists. */
function fillOptions(form, known, f) {
  for (const [id, set] of [['team', known.teams], ['owner', known.owners]]) {
    const select = form.querySelector(`#f-${id}`);
    const have = new Set([...select.options].map((o) => o.value));
    for (const v of set) if (!have.has(v)) select.append(h('option', { value: v, selected: v === f[id] }, v));
  }
}

function paint(root, incidents, brands) {
  clear(root);
  for (const state of COLUMNS) {
    const items = incidents.filter((i) => (state === 'open' ? i.state === 'open' || i.state === 'reopened' : i.state === state));
    root.append(h('section', { class: 'column', 'aria-label': t(`state_${state}`), dataset: { state } },
      h('h2', {}, t(`state_${state}`), h('span', { class: 'count' }, String(items.length))),
      items.length ? h('ul', {}, items.map((i) => card(i, brandName(brands, i.brand), brands.find((b) => b.id === i.brand)?.timezone))) : h('p', { class: 'muted' }, t('noIncidents'))));
  }
}

function card(i, brand, zone) {
  const due = (kind) => i.slaStatus.find((s) => s.kind === kind);
  return h('li', { class: `incident-card sev-${i.severity}`, dataset: { id: i.id, state: i.state } },
    h('div', { class: 'card-top' }, h('span', { class: `sev sev-${i.severity}` }, i.severity), h('span', { class: 'brand' }, brand), i.state === 'reopened' ? h('span', { class: 'badge' }, t('state_reopened')) : null),
    h('a', { class: 'title', href: `#/incident/${encodeURIComponent(i.id)}`, title: i.title }, incidentTitle(i, brand)),
    storyLine(i),
    officialResponseLine(i, zone),
    h('div', { class: 'owner' }, `${t('owner')}: ${i.owner ?? t('unassigned')}${i.team ? ` · ${i.team}` : ''}`),
    h('div', { class: 'clocks' }, due('response') ? countdown(t('respondBy'), due('response')) : null, due('solution') ? countdown(t('solveBy'), due('solution')) : null));
}
