import { localDateTimeText } from '../core/time/zoned.js';
import { htmlLink } from '../core/web/links.js';
import type { ChartOption } from './chart-image.js';
import type { Dashboard } from './dashboard.service.js';
import type { TopicRow } from '../core/dashboards/panels.js';
import type { TopStory } from '../core/stories/top-stories.js';

export type DigestLang = 'en' | 'zh';

const TEXT = {
  en: {
    subject: (brand: string, day: string) => `goldenhour daily digest: ${brand}, ${day}`,
    heading: (brand: string, day: string) => `${brand} — ${day}`,
    mentions: 'Mentions', negative: 'Negative', neutral: 'Neutral', positive: 'Positive', nsi: 'Net sentiment', vsPrevious: 'vs. the day before',
    topics: 'Top negative topics', crisis: 'Crisis terms', none: 'none',
    stories: 'Top stories', story: (n: number, platforms: string, growth: number) => `${n} mentions on ${platforms}, ${growth} in the last hour`,
    incidents: 'Incidents', opened: 'opened', open: 'still open', compliance: 'SLA compliance', noDeadline: 'no deadline decided yet',
    cases: 'Complaints (cases)', casesLine: (closed: number, within: string, firstReply: string, open: number) => `${closed} resolved, ${within} within 24 h, first reply ${firstReply} (median); ${open} open`,
    volumeChart: 'Mentions and net sentiment', topicsChart: 'Top negative topics', dashboard: 'Open the dashboard',
  },
  zh: {
    subject: (brand: string, day: string) => `goldenhour 每日摘要：${brand}，${day}`,
    heading: (brand: string, day: string) => `${brand} — ${day}`,
    mentions: '提及量', negative: '负面', neutral: '中性', positive: '正面', nsi: '净情感指数', vsPrevious: '较前一日',
    topics: '负面话题 Top', crisis: '危机词', none: '无',
    stories: '热门传播事件', story: (n: number, platforms: string, growth: number) => `${n} 条，平台：${platforms}，最近一小时 ${growth} 条`,
    incidents: '事件', opened: '新开', open: '未解决', compliance: 'SLA 达成率', noDeadline: '尚无已判定的时限',
    cases: '客诉工单', casesLine: (closed: number, within: string, firstReply: string, open: number) => `已解决 ${closed} 件，24 小时内解决 ${within}，首次回复中位 ${firstReply}；未结 ${open} 件`,
    volumeChart: '提及量与净情感', topicsChart: '负面话题 Top', dashboard: '打开仪表盘',
  },
} as const;

const ARROW: Record<TopicRow['trend'], string> = { up: '▲', down: '▼', flat: '▬', new: '★' };

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "45 min", "3.5 h", or "—". */
function minutesText(m: number | null): string {
  if (m === null) return '—';
  return m < 90 ? `${m} min` : `${Math.round(m / 6) / 10} h`;
}

/** The chart of the day's mentions (bars, by polarity) with the net sentiment index line above. */
export function volumeChartOption(d: Dashboard, lang: DigestLang): ChartOption {
  const t = TEXT[lang];
  const x = d.series.map((p) => localDateTimeText(new Date(p.t), d.period.timezone).slice(11));
  return {
    title: { text: t.volumeChart, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 4, itemWidth: 14, itemHeight: 10 },
    grid: [{ left: 50, right: 20, top: 40, height: 80 }, { left: 50, right: 20, top: 150, bottom: 60 }],
    xAxis: [{ type: 'category', data: x, gridIndex: 0, axisLabel: { show: false } }, { type: 'category', data: x, gridIndex: 1 }],
    yAxis: [{ type: 'value', min: -100, max: 100, interval: 100, gridIndex: 0 }, { type: 'value', gridIndex: 1, minInterval: 1 }],
    series: [
      { name: t.nsi, type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: d.series.map((p) => p.nsi), connectNulls: true, showSymbol: false, color: '#5b6ee1' },
      { name: t.negative, type: 'bar', stack: 'v', xAxisIndex: 1, yAxisIndex: 1, data: d.series.map((p) => p.negative), color: '#d9534f' },
      { name: t.neutral, type: 'bar', stack: 'v', xAxisIndex: 1, yAxisIndex: 1, data: d.series.map((p) => p.neutral), color: '#b0b7c3' },
      { name: t.positive, type: 'bar', stack: 'v', xAxisIndex: 1, yAxisIndex: 1, data: d.series.map((p) => p.positive), color: '#3c9d5d' },
    ],
  };
}

/** Horizontal bars of the negative topics. */
export function topicsChartOption(d: Dashboard, lang: DigestLang): ChartOption {
  const rows = [...d.crisisTerms, ...d.negativeTopics].slice(0, 10).reverse();
  return {
    title: { text: TEXT[lang].topicsChart, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 140, right: 30, top: 40, bottom: 20 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => r.topic) },
    series: [{ type: 'bar', data: rows.map((r) => ({ value: r.negative, itemStyle: { color: r.kind === 'crisis' ? '#b52b27' : '#e08a3c' } })) }],
  };
}

/** Subject, HTML and plain text of one brand's digest; charts are referenced by content id. */
export function digestMessage(d: Dashboard, day: string, lang: DigestLang, links: { dashboard: string; volumeCid: string; topicsCid: string }) {
  const t = TEXT[lang];
  const name = d.brand.names[lang] ?? d.brand.name;
  const pct = (now: number, before: number) => (before === 0 ? '' : ` (${now >= before ? '+' : ''}${Math.round(((now - before) / before) * 100)} % ${t.vsPrevious})`);
  const topicLine = (r: TopicRow) => `${ARROW[r.trend]} ${r.topic}: ${r.negative}`;
  const inc = d.incidents;
  const compliance = inc.compliance === null ? t.noDeadline : `${inc.compliance} %`;
  const facts: [string, string][] = [
    [t.mentions, `${d.totals.total}${pct(d.totals.total, d.totals.previous.total)}`],
    [t.negative, `${d.totals.negative}${pct(d.totals.negative, d.totals.previous.negative)}`],
    [t.nsi, d.totals.nsi === null ? '—' : String(d.totals.nsi)],
    [t.incidents, `${inc.opened} ${t.opened}, ${inc.openTotal} ${t.open}`],
    [t.compliance, compliance],
    [t.cases, t.casesLine(d.cases.closed, d.cases.resolvedWithin24h === null ? '—' : `${d.cases.resolvedWithin24h} %`, minutesText(d.cases.firstReplyMedianMinutes), d.cases.open)],
  ];
  const list = (rows: TopicRow[]) => (rows.length ? rows.map(topicLine) : [t.none]);
  const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
  const storyFacts = (s: TopStory) => t.story(s.mentions, s.platforms.map((p) => p.platform).join(' → '), s.growthPerHour);
  const storyLines = d.topStories.length ? d.topStories.map((s) => `${clip(s.first.text)} (${storyFacts(s)})${s.first.url ? ` ${s.first.url}` : ''}`) : [t.none];
  const text = [
    t.heading(name, day),
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    `${t.topics}:`, ...list(d.negativeTopics).map((l) => `  ${l}`),
    `${t.crisis}:`, ...list(d.crisisTerms).map((l) => `  ${l}`),
    `${t.stories}:`, ...storyLines.map((l) => `  ${l}`),
    '',
    `${t.dashboard}: ${links.dashboard}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:Arial,'Noto Sans CJK SC',sans-serif;color:#1d2330;max-width:640px">
<h2 style="margin:0 0 12px">${esc(t.heading(name, day))}</h2>
<table cellpadding="4" style="border-collapse:collapse">${facts.map(([k, v]) => `<tr><td style="color:#5a6270">${esc(k)}</td><td><b>${esc(v)}</b></td></tr>`).join('')}</table>
<p><img src="cid:${links.volumeCid}" width="600" height="320" alt="${esc(t.volumeChart)}"></p>
<p><img src="cid:${links.topicsCid}" width="600" height="260" alt="${esc(t.topicsChart)}"></p>
<h3>${esc(t.topics)}</h3><ul>${list(d.negativeTopics).map((l) => `<li>${esc(l)}</li>`).join('')}</ul>
<h3>${esc(t.crisis)}</h3><ul>${list(d.crisisTerms).map((l) => `<li>${esc(l)}</li>`).join('')}</ul>
<h3>${esc(t.stories)}</h3><ul>${d.topStories.length ? d.topStories.map((s) => `<li>${htmlLink(s.first.url, esc(clip(s.first.text)))} <small>(${esc(storyFacts(s))})</small></li>`).join('') : `<li>${esc(t.none)}</li>`}</ul>
<p>${htmlLink(links.dashboard, esc(t.dashboard))}</p>
</body></html>`;
  return { subject: t.subject(name, day), text, html };
}
