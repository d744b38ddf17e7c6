import { api } from './api.js';
import { clear, go, h } from './dom.js';
import { minutesText } from './duration.js';
import { t } from './i18n.js';

const DIMENSIONS = ['all', 'brand', 'platform', 'team', 'owner'];
const AGES = ['today', '1d', '2-3d', '4-7d', 'older'];
const day = (d) => d.toISOString().slice(0, 10);

/**
 * Case reports on the cases page: for a period of UTC days and one dimension (brand, platform, team,
 * owner), time to first reply and to resolution (median, p90), the share resolved within 24 h and the
 * open backlog by age, with the same figures as CSV.
 */
export async function renderCaseReports(main, params) {
  const to = params.get('to') ?? day(new Date());
  const from = params.get('from') ?? day(new Date(Date.parse(`${to}T00:00:00Z`) - 6 * 86_400_000));
  const s = { view: 'reports', from, to, by: DIMENSIONS.includes(params.get('by')) ? params.get('by') : 'all' };
  const query = () => new URLSearchParams({ from: s.from, to: s.to, by: s.by });
  const status = h('p', { class: 'muted', role: 'status' }, '');
  const table = h('div', { class: 'report-table' });
  const dateInput = (id) => h('input', { id: `cr-${id}`, type: 'date', value: s[id], onchange: (e) => { s[id] = e.target.value; go('/cases', s); } });
  const bySel = h('select', { id: 'cr-by', onchange: (e) => { s.by = e.target.value; go('/cases', s); } }, DIMENSIONS.map((d) => h('option', { value: d, selected: d === s.by }, t(`by_${d}`))));
  const csv = h('button', { type: 'button', onclick: () => void download() }, '⤓ ', t('exportCsv'));
  main.append(
    h('form', { class: 'toolbar', 'aria-label': t('caseReports'), onsubmit: (e) => e.preventDefault() },
      h('span', { class: 'field' }, h('label', { for: 'cr-from' }, t('from')), dateInput('from')),
      h('span', { class: 'field' }, h('label', { for: 'cr-to' }, t('to')), dateInput('to')),
      h('span', { class: 'field' }, h('label', { for: 'cr-by' }, t('reportBy')), bySel), csv),
    h('p', { class: 'muted' }, t('reportNote')), status, table);

  async function download() {
    const res = await api(`/api/v1/case-reports/csv?${query()}`, { raw: true });
    const url = URL.createObjectURL(await res.blob());
    h('a', { href: url, download: `cases-${s.by}-${s.from}-${s.to}.csv` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  try {
    const r = await api(`/api/v1/case-reports?${query()}`);
    clear(table);
    if (!r.rows.length) {
      table.append(h('p', { class: 'muted' }, t('none')));
      return;
    }
    const head = [t(`by_${s.by}`), t('closedCases'), t('firstReplyMedian'), t('firstReplyP90'), t('resolveMedian'), t('resolveP90'), t('within24h'), t('openCases'), ...AGES.map((a) => t(`age_${a}`))];
    table.append(h('table', { class: 'case-report' },
      h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, r.rows.map((row) => h('tr', { dataset: { value: row.value } },
        h('th', { scope: 'row' }, row.value === 'all' ? t('all') : row.value), h('td', {}, String(row.closed)),
        h('td', {}, minutesText(row.firstReplyMedianMinutes)), h('td', {}, minutesText(row.firstReplyP90Minutes)),
        h('td', {}, minutesText(row.resolveMedianMinutes)), h('td', {}, minutesText(row.resolveP90Minutes)),
        h('td', { class: 'within' }, row.resolvedWithin24h === undefined ? '—' : `${Math.round(row.resolvedWithin24h * 100)}%`),
        h('td', {}, String(row.open)), AGES.map((a) => h('td', {}, String(row.backlog[a]))))))));
  } catch (err) {
    status.textContent = err.message;
  }
}
