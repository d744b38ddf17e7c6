// UI text in English and Chinese; the choice is kept in localStorage.
const TEXT = {
  en: {
    appName: 'goldenhour', dashboard: 'Dashboard', board: 'Response board', logout: 'Log out', language: '中文',
    loginTitle: 'Sign in with an API token', token: 'API token', signIn: 'Sign in', tokenHelp: 'Create one with `goldenhour token create --role viewer` (the demo prints an admin token).',
    badToken: 'That token was not accepted', brand: 'Brand', period: 'Period', custom: 'Custom', from: 'From', to: 'To', timezone: 'Time zone', apply: 'Apply',
    exportCsv: 'Export CSV', exportPng: 'PNG', mentions: 'Mentions', negative: 'Negative', nsi: 'Net sentiment', openIncidents: 'Open incidents', slaCompliance: 'SLA compliance', casesWithin24h: 'Complaints resolved within 24 h', casesFacts: '{closed} resolved · first reply {reply} (median) · {open} open',
    vsPrevious: 'vs previous period', sentimentOverTime: 'Net sentiment and volume', shareOfVoice: 'Share of voice', byPlatform: 'Mentions by platform',
    negativeTopics: 'Top negative topics', crisisTerms: 'Crisis terms', incidentsBySeverity: 'Open incidents by severity', latestNegative: 'High-engagement negative mentions',
    topic: 'Topic', count: 'Negative', trend: 'Trend', none: 'Nothing in this period', engagement: 'engagement', open: 'open', noBrands: 'No brands configured yet.',
    positive: 'Positive', neutral: 'Neutral', volume: 'Volume', loading: 'Loading…', opened: 'opened in period', met: 'met', breached: 'breached',
    filters: 'Filters', all: 'All', team: 'Team', owner: 'Owner', severity: 'Severity', live: 'live', offline: 'reconnecting',
    state_open: 'Open', state_acknowledged: 'Acknowledged', state_responded: 'Responded', state_mitigated: 'Mitigated', state_resolved: 'Resolved', state_reopened: 'Reopened',
    respondBy: 'Response', solveBy: 'Solution', unassigned: 'unassigned', back: 'Back to the board', evidence: 'Evidence', timeline: 'Timeline', draftCheck: 'Draft check',
    draftPlaceholder: 'Draft of the public reply…', check: 'Check draft', actions: 'Actions', viewerNote: 'Your token can only view; ask an admin for a responder token to act.',
    act_acknowledge: 'Acknowledge', act_assign: 'Assign', act_respond: 'Record response', act_mitigate: 'Record solution', act_resolve: 'Resolve', act_reopen: 'Reopen', act_note: 'Add note',
    responseUrl: 'Link to the public response', text: 'Text', submit: 'Submit', cancel: 'Cancel', summary: 'Summary', crisisTermsShort: 'Crisis terms',
    correctSentiment: 'Correct sentiment', correctedAs: 'Corrected:', undo: 'Undo',
    noIssues: 'No issues found', dueIn: 'due in', overdue: 'overdue', paused: 'paused', noIncidents: 'No incidents',
    audit_open: 'Opened', audit_join: 'Alert joined', audit_escalate: 'Escalated', audit_breach: 'Deadline missed', audit_pause: 'Clocks paused', audit_resume: 'Clocks resumed',
    audit_acknowledge: 'Acknowledged', audit_assign: 'Assigned', audit_respond: 'Public response recorded', audit_mitigate: 'Solution recorded', audit_resolve: 'Resolved', audit_reopen: 'Reopened', audit_note: 'Note',
    alertRule: 'alert rule', breachResponse: 'first public response overdue', breachSolution: 'initial solution overdue',
    trendLegend: '▲ more than the previous period · ▼ fewer · ▬ about the same · ★ new (none in the previous period)',
    casesQueue: 'Reply queue', casesKeys: 'Keys: j/k move · a claim (or take over) · r replied (link) · d draft a reply and check it · x select for bulk', draftReply: 'Draft reply…', noCases: 'No cases waiting for a reply',
    platform: 'Platform', reach: 'reach', firstReplyBy: 'First reply', resolveBy: 'Resolution', claim: 'Claim', takeOver: 'Take over', markReplied: 'Replied…',
    waitCustomer: 'Waiting for customer', bulkAssignMe: 'Assign selected to me', bulkResolve: 'Resolve selected', select: 'Select',
    case_open: 'open', case_replied: 'replied', case_waiting: 'waiting for customer', case_resolved: 'resolved',
    dataIncomplete: 'data incomplete',
    whyFired: 'Why it fired', causeMentions: '{now} mentions, about {expected} expected from the last 7 days', termsRising: 'Terms rising', termLift: '×{lift} ({now} now, {usual} in 7 days)',
    platformsGrowing: 'Platforms growing', sourcesGrowing: 'Sources growing', platformGrowth: '{platform} {now} (about {expected} expected)', negativeNowUsual: 'Negative share {now} now, usually {usual}',
    firstPost: 'First post', mostEngaged: 'Most engaged', example: 'Example', story: 'Story', storyMentions: '{n} mentions', spreadTo: 'Where it spread', spreadTimeline: 'Spread over time (mentions per hour)',
    topStories: 'Top stories', storySize: '{n} mentions, {growth} in the last hour',
    respondedBy: 'Responded by {account} at {time}', undoOfficial: 'Not our response: undo', 'audit_undo-response': 'Official response undone',
    caseReports: 'Reports', queueTab: 'Queue', reportBy: 'By', by_all: 'All cases', by_brand: 'Brand', by_platform: 'Platform', by_team: 'Team', by_owner: 'Owner',
    closedCases: 'Resolved', firstReplyMedian: 'First reply (median)', firstReplyP90: 'First reply (p90)', resolveMedian: 'Resolution (median)', resolveP90: 'Resolution (p90)',
    within24h: 'Resolved within 24 h', openCases: 'Open now', age_today: 'Opened today', age_1d: '1 day', 'age_2-3d': '2–3 days', 'age_4-7d': '4–7 days', age_older: 'Older',
    reportNote: 'Cases resolved on these UTC days; times count working hours where a team keeps business hours, without time waiting for the customer. The backlog is the cases open now, by age.',
    minutesShort: 'min', hoursShort: 'h', daysShort: 'd', aspect: 'Aspect',
    worseningAspects: 'Aspects that worsened most', negativeShare: 'Negative share', previousShare: 'Previous period', shareChange: 'Change',
    aspectLegend: 'Share of the mentions naming an aspect that are negative about it, against the previous period (points).',
    aspect_delivery: 'Delivery & logistics', aspect_quality: 'Product quality', aspect_taste: 'Taste & food safety', aspect_service: 'Service', aspect_price: 'Price', aspect_packaging: 'Packaging',
  },
  zh: {
    appName: 'goldenhour', dashboard: '仪表盘', board: '响应看板', logout: '退出', language: 'English',
    loginTitle: '使用 API 令牌登录', token: 'API 令牌', signIn: '登录', tokenHelp: '用 `goldenhour token create --role viewer` 创建（演示模式会打印管理员令牌）。',
    badToken: '令牌无效', brand: '品牌', period: '时间段', custom: '自定义', from: '开始', to: '结束', timezone: '时区', apply: '应用',
    exportCsv: '导出 CSV', exportPng: 'PNG', mentions: '提及量', negative: '负面', nsi: '净情感指数', openIncidents: '未解决事件', slaCompliance: 'SLA 达成率', casesWithin24h: '客诉 24 小时内解决率', casesFacts: '已解决 {closed} 件 · 首次回复中位 {reply} · 未结 {open} 件',
    vsPrevious: '较上一周期', sentimentOverTime: '净情感与声量', shareOfVoice: '声量份额', byPlatform: '各平台提及量',
    negativeTopics: '负面话题 Top', crisisTerms: '危机词', incidentsBySeverity: '未解决事件（按级别）', latestNegative: '高互动负面内容',
    topic: '话题', count: '负面数', trend: '趋势', none: '本周期无数据', engagement: '互动', open: '未解决', noBrands: '尚未配置品牌。',
    positive: '正面', neutral: '中性', volume: '声量', loading: '加载中…', opened: '本周期新开', met: '达成', breached: '超时',
    filters: '筛选', all: '全部', team: '团队', owner: '负责人', severity: '级别', live: '实时', offline: '重连中',
    state_open: '待处理', state_acknowledged: '已确认', state_responded: '已回应', state_mitigated: '已缓解', state_resolved: '已解决', state_reopened: '重新打开',
    respondBy: '回应', solveBy: '解决', unassigned: '未分配', back: '返回看板', evidence: '证据', timeline: '时间线', draftCheck: '草稿检查',
    draftPlaceholder: '公开回应草稿…', check: '检查草稿', actions: '操作', viewerNote: '你的令牌只能查看；请向管理员申请响应者令牌。',
    act_acknowledge: '确认', act_assign: '指派', act_respond: '记录回应', act_mitigate: '记录解决方案', act_resolve: '解决', act_reopen: '重新打开', act_note: '添加备注',
    responseUrl: '公开回应链接', text: '内容', submit: '提交', cancel: '取消', summary: '摘要', crisisTermsShort: '危机词',
    correctSentiment: '纠正情感', correctedAs: '已纠正为', undo: '撤销',
    noIssues: '未发现问题', dueIn: '剩余', overdue: '已超时', paused: '已暂停', noIncidents: '暂无事件',
    audit_open: '创建', audit_join: '新告警并入', audit_escalate: '升级通知', audit_breach: '超时', audit_pause: '计时暂停', audit_resume: '计时恢复',
    audit_acknowledge: '已确认', audit_assign: '已指派', audit_respond: '已记录公开回应', audit_mitigate: '已记录解决方案', audit_resolve: '已解决', audit_reopen: '重新打开', audit_note: '备注',
    alertRule: '告警规则', breachResponse: '首次公开回应超时', breachSolution: '初步解决方案超时',
    trendLegend: '▲ 多于上一周期 · ▼ 少于上一周期 · ▬ 持平 · ★ 新出现（上一周期没有）',
    casesQueue: '回复队列', casesKeys: '快捷键：j/k 上下移动 · a 认领（或接手）· r 已回复（填链接）· d 起草回复并检查 · x 选中以批量操作', draftReply: '起草回复…', noCases: '暂无待回复的工单',
    platform: '平台', reach: '影响力', firstReplyBy: '首次回复', resolveBy: '解决', claim: '认领', takeOver: '接手', markReplied: '已回复…',
    waitCustomer: '等待客户回复', bulkAssignMe: '将选中项指派给我', bulkResolve: '批量解决', select: '选择',
    case_open: '待处理', case_replied: '已回复', case_waiting: '等待客户', case_resolved: '已解决',
    dataIncomplete: '数据不完整',
    whyFired: '告警原因', causeMentions: '{now} 条提及，按近 7 天通常约 {expected} 条', termsRising: '上升的词', termLift: '×{lift}（现在 {now} 条，近 7 天 {usual} 条）',
    platformsGrowing: '增长的平台', sourcesGrowing: '增长的来源', platformGrowth: '{platform} {now} 条（通常约 {expected} 条）', negativeNowUsual: '负面占比现在 {now}，通常 {usual}',
    firstPost: '首发帖', mostEngaged: '互动最多', example: '示例', story: '传播事件', storyMentions: '{n} 条', spreadTo: '扩散到的平台', spreadTimeline: '传播时间线（每小时提及数）',
    topStories: '热门传播事件', storySize: '{n} 条提及，最近一小时 {growth} 条',
    respondedBy: '{account} 于 {time} 已回应', undoOfficial: '不是我们的回应：撤销', 'audit_undo-response': '已撤销官方回应',
    caseReports: '报表', queueTab: '队列', reportBy: '维度', by_all: '全部工单', by_brand: '品牌', by_platform: '平台', by_team: '团队', by_owner: '负责人',
    closedCases: '已解决', firstReplyMedian: '首次回复（中位数）', firstReplyP90: '首次回复（P90）', resolveMedian: '解决（中位数）', resolveP90: '解决（P90）',
    within24h: '24 小时内解决', openCases: '当前未解决', age_today: '今天新开', age_1d: '1 天', 'age_2-3d': '2–3 天', 'age_4-7d': '4–7 天', age_older: '更早',
    reportNote: '按 UTC 日期统计期间内解决的工单；设有工作时间的团队按工作时间计时，不计等待客户的时间。积压为当前未解决的工单，按创建时长分组。',
    minutesShort: '分钟', hoursShort: '小时', daysShort: '天', aspect: '方面',
    worseningAspects: '恶化最多的方面', negativeShare: '负面占比', previousShare: '上一周期', shareChange: '变化',
    aspectLegend: '提及某方面的内容中对该方面负面的占比，与上一周期相比（百分点）。',
    aspect_delivery: '配送物流', aspect_quality: '产品质量', aspect_taste: '口味与食品安全', aspect_service: '服务', aspect_price: '价格', aspect_packaging: '包装',
  },
};

let lang = localStorage.getItem('goldenhour.lang') === 'zh' ? 'zh' : 'en';

export function t(key) {
  return TEXT[lang][key] ?? TEXT.en[key] ?? key;
}
export function currentLang() {
  return lang;
}
export function toggleLang() {
  lang = lang === 'en' ? 'zh' : 'en';
  localStorage.setItem('goldenhour.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
