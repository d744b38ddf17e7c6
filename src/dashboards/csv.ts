import { localDateTimeText } from '../core/time/zoned.js';
import type { Dashboard } from './dashboard.service.js';

function cell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // Quote when needed; a leading =,+,-,@ is prefixed so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The platforms a collection gap covered during [t, t + step): those counts are incomplete, not calm. */
function incompleteIn(d: Dashboard, t: number): string {
  const end = t + d.period.stepMs;
  const blind = d.collectionGaps.filter((g) => g.since.getTime() < end && (g.until?.getTime() ?? d.period.to.getTime()) > t);
  return [...new Set(blind.map((g) => g.platform))].sort().join(' ');
}

/** The period's chart data as CSV: one row per chart step, in the viewer's time zone; `data_incomplete` names the blind platforms. */
export function dashboardCsv(d: Dashboard): string {
  const head = ['step_start_local', 'step_start_utc', 'mentions', 'negative', 'neutral', 'positive', 'crisis', 'engagement', 'net_sentiment', 'data_incomplete'];
  const rows = d.series.map((p) => [localDateTimeText(new Date(p.t), d.period.timezone), new Date(p.t).toISOString(), p.total, p.negative, p.neutral, p.positive, p.crisis, p.engagement, p.nsi, incompleteIn(d, p.t)]);
  return [head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
