// Live countdowns to SLA deadlines. Each element carries its deadline; one ticker updates them all on
// the server's clock (see session.clockOffset): amber under 15 minutes, red once breached.
import { serverNow } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

const AMBER_MS = 15 * 60_000;

export function formatRemaining(ms) {
  const neg = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const body = `${d ? `${d}d ` : ''}${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
  return neg ? `−${body}` : body;
}

/** A countdown element for one deadline of an incident's slaStatus entry. */
export function countdown(label, status) {
  return h('span', { class: 'countdown', dataset: { due: new Date(status.dueAt).getTime(), status: status.status, label } }, label);
}

export function tick(root = document) {
  const now = serverNow();
  for (const el of root.querySelectorAll('.countdown')) {
    const { due, status, label } = el.dataset;
    const left = Number(due) - now;
    let text;
    let cls;
    if (status === 'met') {
      text = `✓ ${t('met')}`;
      cls = 'met';
    } else if (status === 'breached' || left <= 0) {
      text = `${t('overdue')} ${formatRemaining(left)}`;
      cls = 'breached';
    } else {
      text = formatRemaining(left);
      cls = left < AMBER_MS ? 'amber' : 'ok';
    }
    el.textContent = `${label}: ${text}`;
    el.className = `countdown ${cls}`;
    el.setAttribute('aria-label', `${label}: ${text}`);
  }
}

export function startTicker() {
  tick();
  const id = setInterval(() => tick(), 1000);
  return () => clearInterval(id);
}
