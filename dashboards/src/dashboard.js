import { api, session } from './api.js';
import { brandName, brands as loadBrands } from './brands.js';
import { disposeCharts, downloadPng, mountChart, timeFormatter } from './charts.js';
import { correctionControl } from './correction.js';
import { clear, externalLink, go, h } from './dom.js';
import { minutesText } from './duration.js';
import { t } from './i18n.js';
import { tf } from './story-view.js';

const ARROW = { up: '▲', down: '▼', flat: '▬', new: '★' };
const SEVERITY_COLOR = { P1: '#b52b27', P2: '#e0822c', P3: '#d6b21f', P4: '#7b8794' };
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The executive dashboard of one brand over a period; re-reads every minute. */
export async function renderDashboard(main, params) {
  const brands = await loadBrands();
  if (!brands.length) {
    main.append(h('p', { class: 'card' }, t('noBrands')));
    return () => {};
  }
  const state = {
    // Without a named brand, the user's own brand (never the competitor that sorts first).
    brand: params.get('brand') ?? (brands.some((b) => b.id === session.homeBrand) ? session.homeBrand : brands[0].id),
    period: params.get('period') ?? (params.get('from') ? 'custom' : '24h'),
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    // The zone in the link, else the one the user saved as theirs, else the browser's.
    tz: params.get('tz') ?? session.timezone ?? browserZone,
  };
  const body = h('div', { class: 'dashboard', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('loading')));
  main.append(toolbar(brands, state), body);
  const load = async () => {
    const d = await api(`/api/v1/dashboard?${query(state)}`);
    paint(body, d, state, brands);
  };
  await load().catch((e) => clear(body).append(h('p', { class: 'error', role: 'alert' }, e.message)));
  const timer = setInterval(() => void load().catch(() => undefined), 60_000);
  return () => {
    clearInterval(timer);
    disposeCharts();
  };
}

function query(s) {
  const q = new URLSearchParams({ brand: s.brand, tz: s.tz });
  if (s.period === 'custom' && s.from && s.to) {
    q.set('from', new Date(s.from).toISOString());
    q.set('to', new Date(s.to).toISOString());
  } else q.set('period', s.period === 'custom' ? '24h' : s.period);
  return q.toString();
}

function toolbar(brands, s) {
  const apply = () => go('/dashboard', { brand: s.brand, period: s.period === 'custom' ? undefined : s.period, from: s.period === 'custom' ? s.from : undefined, to: s.period === 'custom' ? s.to : undefined, tz: s.tz });
  const brandSel = h('select', { id: 'brand', onchange: (e) => { s.brand = e.target.value; apply(); } }, brands.map((b) => h('option', { value: b.id, selected: b.id === s.brand }, brandName(brands, b.id))));
  const periods = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': t('period') },
    ['24h', '7d', '30d', 'custom'].map((p) => h('button', { type: 'button', role: 'radio', 'aria-checked': String(p === s.period), class: p === s.period ? 'on' : '', onclick: () => { s.period = p; if (p !== 'custom') apply(); else customBox.hidden = false; } }, p === 'custom' ? t('custom') : p)),
  );
  const fromIn = h('input', { type: 'datetime-local', id: 'from', value: s.from, onchange: (e) => (s.from = e.target.value) });
  const toIn = h('input', { type: 'datetime-local', id: 'to', value: s.to, onchange: (e) => (s.to = e.target.value) });
  const customBox = h('div', { class: 'custom', hidden: s.period !== 'custom' }, h('label', { for: 'from' }, t('from')), fromIn, h('label', { for: 'to' }, t('to')), toIn, h('button', { type: 'button', onclick: apply }, t('apply')));
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [browserZone, 'UTC'];
  const tzSel = h('select', { id: 'tz', onchange: (e) => { s.tz = e.target.value; apply(); } }, [...new Set(['UTC', browserZone, ...zones])].map((z) => h('option', { value: z, selected: z === s.tz }, z)));
  const csv = h('button', { type: 'button', onclick: () => void downloadCsv(s) }, '⤓ ', t('exportCsv'));
  const saved = h('span', { class: 'muted', role: 'status' });
  const saveZone = h('button', { type: 'button', class: 'small', id: 'save-zone', onclick: () => void saveMyZone(s.tz, saved) }, t('saveZone'));
  return h('form', { class: 'toolbar', onsubmit: (e) => e.preventDefault() },
    // A label stays on the line of its control when the toolbar wraps.
    h('span', { class: 'field' }, h('label', { for: 'brand' }, t('brand')), brandSel), periods, customBox, h('span', { class: 'field' }, h('label', { for: 'tz' }, t('timezone')), tzSel, saveZone, saved), csv);
}

/** Saves the zone as the user's own: their board, dashboard and incident pages show times in it from now on. */
async function saveMyZone(zone, status) {
  try {
    await api('/api/v1/me/preferences', { method: 'PUT', json: { timezone: zone } });
    session.timezone = zone;
    status.textContent = tf('zoneSaved', { zone });
  } catch (e) {
    status.textContent = e.message;
  }
}

async function downloadCsv(s) {
  const res = await api(`/api/v1/dashboard.csv?${query(s)}`, { raw: true });
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: `${s.brand}-${s.period}.csv` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function kpi(label, value, trend, id) {
  return h('div', { class: 'kpi card', id }, h('div', { class: 'kpi-label' }, label), h('div', { class: 'kpi-value' }, value), trend ? h('div', { class: `kpi-trend ${trend.cls}` }, trend.text) : null);
}

function change(now, before, badWhenUp) {
  if (!before) return null;
  const pct = Math.round(((now - before) / before) * 100);
  const up = pct > 0;
  return { text: `${up ? '▲' : pct < 0 ? '▼' : '▬'} ${Math.abs(pct)} % ${t('vsPrevious')}`, cls: pct === 0 ? '' : up === badWhenUp ? 'bad' : 'good' };
}

function chartCard(name, title, brand, wide) {
  const box = h('div', { class: 'chart', id: `chart-${name}`, role: 'img', 'aria-label': title });
  const card = h('section', { class: `card ${wide ? 'wide' : ''}`, 'aria-label': title },
    h('div', { class: 'card-head' }, h('h2', {}, title), h('button', { type: 'button', class: 'small', 'aria-label': `${title} ${t('exportPng')}`, onclick: () => downloadPng(name, `${brand}-${name}.png`) }, '⤓ ', t('exportPng'))),
    box);
  return { card, box };
}

function topicTable(rows, caption) {
  if (!rows.length) return h('p', { class: 'muted' }, t('none'));
  return [h('table', { class: 'topics' }, h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('topic')), h('th', { scope: 'col' }, t('count')), h('th', { scope: 'col' }, t('trend')))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, r.topic), h('td', {}, r.negative),
      h('td', { class: `trend ${r.trend}`, title: r.changePct === null ? '' : `${r.changePct} %` }, ARROW[r.trend], r.changePct === null ? '' : ` ${r.changePct > 0 ? '+' : ''}${Math.round(r.changePct)} %`))))),
    h('p', { class: 'legend muted' }, t('trendLegend'))];
}

/** An aspect's name in the UI language: the built-in aspects are translated, a user's own shows its id. */
function aspectName(id) {
  const name = t(`aspect_${id}`);
  return name === `aspect_${id}` ? id : name;
}

function aspectTable(rows) {
  if (!rows.length) return h('p', { class: 'muted' }, t('none'));
  const points = (x) => `${x > 0 ? '+' : ''}${x}`;
  return [h('table', { class: 'topics aspects' }, h('caption', { class: 'sr-only' }, t('worseningAspects')),
    h('thead', {}, h('tr', {}, ...[t('aspect'), t('negativeShare'), t('previousShare'), t('shareChange')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-aspect': r.aspect }, h('td', {}, aspectName(r.aspect)),
      h('td', { title: `${r.negative} / ${r.total}` }, `${r.share} %`),
      h('td', { title: `${r.previousNegative} / ${r.previousTotal}` }, r.previousShare === null ? '—' : `${r.previousShare} %`),
      h('td', { class: `trend ${r.change === null ? 'new' : r.change > 0 ? 'up' : r.change < 0 ? 'down' : 'flat'}` }, r.change === null ? ARROW.new : points(r.change)))))),
    h('p', { class: 'legend muted' }, t('aspectLegend'))];
}

function paint(body, d, s, brands) {
  disposeCharts();
  clear(body);
  const fmt = timeFormatter(s.tz, d.period.stepMs >= 3_600_000);
  const inc = d.incidents;
  body.append(h('div', { class: 'kpis' },
    kpi(t('mentions'), d.totals.total.toLocaleString(), change(d.totals.total, d.totals.previous.total, false), 'kpi-mentions'),
    kpi(t('negative'), d.totals.negative.toLocaleString(), change(d.totals.negative, d.totals.previous.negative, true), 'kpi-negative'),
    kpi(t('nsi'), d.totals.nsi === null ? '—' : String(d.totals.nsi), d.totals.previous.nsi === null || d.totals.nsi === null ? null : { text: `${d.totals.nsi >= d.totals.previous.nsi ? '▲' : '▼'} ${Math.abs(Math.round(d.totals.nsi - d.totals.previous.nsi))} ${t('vsPrevious')}`, cls: d.totals.nsi >= d.totals.previous.nsi ? 'good' : 'bad' }, 'kpi-nsi'),
    kpi(t('openIncidents'), String(inc.openTotal), null, 'kpi-incidents'),
    kpi(t('slaCompliance'), inc.compliance === null ? '—' : `${inc.compliance} %`, { text: `${inc.opened} ${t('opened')}`, cls: '' }, 'kpi-sla'),
    kpi(t('casesWithin24h'), d.cases.resolvedWithin24h === null ? '—' : `${d.cases.resolvedWithin24h} %`, { text: tf('casesFacts', { closed: d.cases.closed, reply: minutesText(d.cases.firstReplyMedianMinutes), open: d.cases.open }), cls: '' }, 'kpi-cases'),
  ));
  const grid = h('div', { class: 'grid' });
  body.append(grid);

  const sent = chartCard('sentiment', t('sentimentOverTime'), d.brand.id, true);
  const sov = chartCard('share', t('shareOfVoice'), d.brand.id);
  const plat = chartCard('platforms', t('byPlatform'), d.brand.id);
  const sev = chartCard('incidents', t('incidentsBySeverity'), d.brand.id);
  grid.append(sent.card, sov.card, plat.card,
    h('section', { class: 'card', 'aria-label': t('negativeTopics') }, h('h2', {}, t('negativeTopics')), topicTable(d.negativeTopics, t('negativeTopics'))),
    h('section', { class: 'card', 'aria-label': t('crisisTerms') }, h('h2', {}, t('crisisTerms')), topicTable(d.crisisTerms, t('crisisTerms'))),
    h('section', { class: 'card', 'aria-label': t('worseningAspects') }, h('h2', {}, t('worseningAspects')), aspectTable(d.worseningAspects ?? [])),
    h('section', { class: 'card top-stories', 'aria-label': t('topStories') }, h('h2', {}, t('topStories')), storyList(d.topStories, s.tz)),
    sev.card,
    h('section', { class: 'card wide', 'aria-label': t('latestNegative') }, h('h2', {}, t('latestNegative')), mentionList(d.negativeMentions, s.tz)),
  );
  const x = d.series.map((p) => p.t);
  mountChart('sentiment', sent.box, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    legend: { top: 0 },
    // Axis names sit beside their axes, rotated: above them, "Volume" ran into the "-100" of the axis over it.
    grid: [{ left: 64, right: 16, top: 30, height: '34%' }, { left: 64, right: 16, top: '54%', bottom: 28 }],
    xAxis: [{ type: 'category', data: x, gridIndex: 0, axisLabel: { show: false } }, { type: 'category', data: x, gridIndex: 1, axisLabel: { formatter: (v) => fmt(Number(v)) } }],
    yAxis: [
      { type: 'value', min: -100, max: 100, gridIndex: 0, name: t('nsi'), nameLocation: 'middle', nameRotate: 90, nameGap: 40 },
      { type: 'value', gridIndex: 1, name: t('volume'), nameLocation: 'middle', nameRotate: 90, nameGap: 40 },
    ],
    series: [
      { name: t('nsi'), type: 'line', data: d.series.map((p) => p.nsi), xAxisIndex: 0, yAxisIndex: 0, connectNulls: true, showSymbol: false, color: '#5b6ee1', areaStyle: { opacity: 0.08 } },
      { name: t('negative'), type: 'bar', stack: 'v', data: d.series.map((p) => p.negative), xAxisIndex: 1, yAxisIndex: 1, color: '#d9534f', markArea: gapAreas(d) },
      { name: t('neutral'), type: 'bar', stack: 'v', data: d.series.map((p) => p.neutral), xAxisIndex: 1, yAxisIndex: 1, color: '#b0b7c3' },
      { name: t('positive'), type: 'bar', stack: 'v', data: d.series.map((p) => p.positive), xAxisIndex: 1, yAxisIndex: 1, color: '#3c9d5d' },
    ],
  });
  mountChart('share', sov.box, {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['40%', '70%'], data: d.shareOfVoice.map((r) => ({ name: brandName(brands, r.brand), value: r.total })), label: { formatter: '{b}\n{d}%' } }],
  });
  mountChart('platforms', plat.box, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 80, right: 16, top: 30, bottom: 20 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: d.platforms.map((p) => p.platform), inverse: true },
    series: [
      { name: t('negative'), type: 'bar', stack: 'p', data: d.platforms.map((p) => p.negative), color: '#d9534f' },
      { name: t('neutral'), type: 'bar', stack: 'p', data: d.platforms.map((p) => p.neutral), color: '#b0b7c3' },
      { name: t('positive'), type: 'bar', stack: 'p', data: d.platforms.map((p) => p.positive), color: '#3c9d5d' },
    ],
  });
  mountChart('incidents', sev.box, {
    tooltip: { trigger: 'axis' },
    title: { text: inc.compliance === null ? '' : `${t('slaCompliance')}: ${inc.compliance} %`, right: 0, top: 0, textStyle: { fontSize: 12, fontWeight: 'normal' } },
    grid: { left: 36, right: 16, top: 30, bottom: 24 },
    xAxis: { type: 'category', data: Object.keys(inc.open) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('open'), type: 'bar', data: Object.entries(inc.open).map(([k, v]) => ({ value: v, itemStyle: { color: SEVERITY_COLOR[k] } })) }],
  });
}

/** The largest stories of the period: first post, the platforms in the order reached, size and growth. */
function storyList(items, tz) {
  if (!items?.length) return h('p', { class: 'muted' }, t('none'));
  const fmt = timeFormatter(tz, true);
  return h('ol', { class: 'mentions' }, items.map((s) => h('li', { dataset: { story: s.id } },
    h('div', { class: 'meta' }, tf('storySize', { n: s.mentions.toLocaleString(), growth: s.growthPerHour }), ' · ',
      s.platforms.map((p) => h('span', { class: 'badge', title: fmt(p.at) }, p.platform))),
    externalLink(s.first.url, s.first.text.length > 120 ? `${s.first.text.slice(0, 119)}…` : s.first.text))));
}

function mentionList(items, tz) {
  if (!items.length) return h('p', { class: 'muted' }, t('none'));
  const fmt = timeFormatter(tz, true);
  return h('ol', { class: 'mentions' }, items.map((m) => h('li', {},
    h('div', { class: 'meta' }, h('span', { class: 'badge' }, m.platform), ` ${m.author ?? ''} · ${fmt(new Date(m.publishedAt).getTime())} · ${m.engagement.toLocaleString()} ${t('engagement')}`,
      m.crisisTerms.length ? h('span', { class: 'badge crisis' }, m.crisisTerms.join(', ')) : null),
    externalLink(m.url, m.text), correctionControl(m))));
}

/** Shading of the steps a collection gap covered: their counts are incomplete, not calm. */
function gapAreas(d) {
  const steps = (g) => d.series.filter((p) => p.t < new Date(g.until ?? d.period.to).getTime() && p.t + d.period.stepMs > new Date(g.since).getTime());
  const data = (d.collectionGaps ?? []).flatMap((g) => {
    const covered = steps(g);
    // On a category axis a number is the category's index.
    return covered.length ? [[{ xAxis: d.series.indexOf(covered[0]), name: `${t('dataIncomplete')} (${g.platform})` }, { xAxis: d.series.indexOf(covered[covered.length - 1]) }]] : [];
  });
  return { silent: true, itemStyle: { color: 'rgba(120, 120, 120, 0.15)' }, label: { color: '#666', fontSize: 11 }, data };
}
