// An incident's words in the UI's language: its title from what it is made of (kinds, crisis terms,
// brand, the rule's grouping), and its timeline entries instead of the stored keys.
import { currentLang, t } from './i18n.js';

const KINDS = {
  en: { negative_surge: 'negative surge', volume_surge: 'volume surge', viral_post: 'viral post', crisis_burst: 'crisis-term burst' },
  zh: { negative_surge: '负面激增', volume_surge: '声量激增', viral_post: '帖子快速传播', crisis_burst: '危机词爆发' },
};

/** The labels of the group an incident's alert came from: `rule|brand=acme|platform=weibo` → { platform: 'weibo' }. */
function groupLabels(groupKey = '') {
  return Object.fromEntries(groupKey.split('|').slice(1).map((p) => p.split('=')).filter((kv) => kv.length === 2));
}

/** "Negative surge with crisis terms (食物中毒) for Sunrise Kitchen on weibo" / "负面激增（危机词：食物中毒）· 日出厨房 · weibo". */
export function incidentTitle(i, brand) {
  const zh = currentLang() === 'zh';
  const kinds = (i.evidence?.kinds ?? []).map((k) => KINDS[zh ? 'zh' : 'en'][k] ?? k);
  if (!kinds.length) return i.title;
  const terms = (i.evidence.crisisTerms ?? []).slice(0, 3).join(zh ? '、' : ', ');
  const { platform, topic } = groupLabels(i.groupKey);
  if (zh) return `${kinds.join(' + ')}${terms ? `（危机词：${terms}）` : ''} · ${brand}${platform ? ` · ${platform}` : ''}${topic ? ` · “${topic}”` : ''}`;
  const text = `${kinds.join(' + ')}${terms ? ` with crisis terms (${terms})` : ''} for ${brand}${platform ? ` on ${platform}` : ''}${topic ? ` about "${topic}"` : ''}`;
  return text[0].toUpperCase() + text.slice(1);
}

/** An alert key `rule|labels@openedAt` as "rule crisis-negative-surge". */
const alertWords = (detail) => {
  const m = /^alert ([^|@\s]+)/.exec(detail ?? '');
  return m ? `${t('alertRule')} ${m[1]}` : detail;
};

const BREACH = { 'response-breach': 'breachResponse', 'solution-breach': 'breachSolution' };

/** One audit entry as a reader says it: what happened (translated) and its details without stored keys. */
export function timelineEntry(a, formatTime) {
  const action = t(`audit_${a.action}`) === `audit_${a.action}` ? t(`act_${a.action}`) : t(`audit_${a.action}`);
  let detail = a.detail;
  if (a.action === 'open' || a.action === 'join') detail = alertWords(a.detail);
  if (a.action === 'breach') {
    const [kind, , at] = (a.detail ?? '').split(' ');
    detail = BREACH[kind] ? `${t(BREACH[kind])}${at ? ` (${formatTime(new Date(at))})` : ''}` : a.detail;
  }
  const move = a.from && a.to && a.from !== a.to ? `${t(`state_${a.from}`)} → ${t(`state_${a.to}`)}` : '';
  return { action, by: a.by, move, detail };
}
