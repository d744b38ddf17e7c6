import { t } from './i18n.js';

/** Minutes as the shortest readable duration, in the page's language: 45 min, 3.5 h, 2.1 d; '—' when unknown. */
export function minutesText(minutes) {
  if (minutes === undefined || minutes === null) return '—';
  if (minutes < 60) return `${minutes} ${t('minutesShort')}`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} ${t('hoursShort')}`;
  return `${(minutes / 1440).toFixed(1)} ${t('daysShort')}`;
}
