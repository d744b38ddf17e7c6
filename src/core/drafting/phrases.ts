/**
 * What a good crisis reply is, as phrase patterns per language: empathy and acknowledgement first;
 * concrete actions already taken, and next steps with a time; never denial, blame (of customers,
 * competitors or suppliers), legal threats or statistical minimising. Written for goldenhour from
 * crisis-communication practice; tuned on the labelled drafts in test/drafts/.
 */
export interface PhraseSet {
  /** Empathy or a real apology ("we are so sorry to everyone who became ill"). */
  empathy: RegExp[];
  /** Apologies that are not: "sorry for any inconvenience", "sorry if you feel…". They do not count as empathy. */
  nonApology: RegExp[];
  /** Something concrete already done or under way ("we have pulled…", "we are working with health authorities"). */
  actionTaken: RegExp[];
  /** A concrete commitment ("we will cover all medical costs"); vague ones ("we will look into it") are not listed. */
  nextStep: RegExp[];
  /** A time for what comes next ("by 6 pm today", "within 24 hours"). */
  time: RegExp[];
  denial: RegExp[];
  blame: RegExp[];
  legalThreat: RegExp[];
  minimising: RegExp[];
}

const en: PhraseSet = {
  empathy: [
    /\b(so |very |deeply |truly |terribly |really |extremely )?sorry\b/i,
    /\bapologi[sz]e\b|\bapologies\b|\bapology\b/i,
    /\bwe (fully |completely |truly |really |deeply )?(understand|know) (how|why|your|the|that)\b/i,
    /\bour (thoughts|hearts) (are|go out)\b/i,
    /\b(heartbroken|devastated|deeply (saddened|concerned|troubled))\b/i,
    /\bwe (hear|are with) you\b/i,
    /\bwe (got (this|it) wrong|were wrong|fell short|let you down|failed you)\b/i,
    /\b(our|this is our) (mistake|fault|failure|responsibility)\b/i,
  ],
  nonApology: [
    /\bsorry (if|that) (you|anyone|some(one)?) (feel|felt|were|was|think|thought|believe)/i,
    /\b(sorry|apologi[sz]e) for (any|the) inconvenience\b/i,
    /\bregret that you feel\b/i,
  ],
  actionTaken: [
    /\bwe(['’]ve| have)( already| now| immediately| also)? (pulled|removed|stopped|suspended|recalled|closed|halted|contacted|added|reset|hired|blocked|fixed|reached out|launched|started|begun|opened|sent|notified|informed|reported|withdrawn|paused|sealed|replaced|refunded|set up|asked|engaged|brought in|called|shut|taken .{0,20}off|destroyed|retrained|disinfected)\b/i,
    /\bwe(['’]re| are)( now| already| also)? (working with|cooperating with|co-operating with|investigating|testing|contacting|reviewing|inspecting|replacing|refunding|covering|retraining|auditing|calling|reaching out|tracing|checking every)\b/i,
    /\b(has|have) (already )?been (pulled|removed|recalled|suspended|closed|halted|withdrawn|sent|sealed|taken off|stopped)\b/i,
  ],
  nextStep: [
    /\bwe(['’]ll| will| are going to)( also| then| personally)? (cover|pay|refund|replace|publish|share|post|update|contact|call|reopen|reimburse|compensate|visit|send|release|report|test|close|review|retrain|audit|inspect|change|introduce|install)\b/i,
  ],
  time: [
    /\bwithin (the next )?(\d+|one|two|three|24|48|72) (minutes?|hours?|days?|working days?)\b/i,
    /\bby (today|tonight|tomorrow|noon|midnight|the end of (the )?(day|today|week)|(mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}(:\d{2})? ?(am|pm)?)\b/i,
    /\b(today|tonight|tomorrow|this (morning|afternoon|evening|week))\b/i,
    /\b\d{1,2}(:\d{2}) ?(am|pm)?\b|\b\d{1,2} ?(am|pm)\b/i,
    /\b(every|each) (\d+ )?(hours?|day|morning|evening)\b/i,
    /\b(on|before) \d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
    /\b(on|this|next|before) (mon|tues|wednes|thurs|fri|satur|sun)day\b/i,
  ],
  denial: [
    /\b(perfectly|completely|totally|100%|absolutely|entirely) safe\b/i,
    /\b(claims?|reports?|allegations?|stories|posts?|accusations?|rumou?rs?)\b[^.!?]{0,30}\b(is|are|were|was)\b[^.!?]{0,12}\b(false|untrue|baseless|fake|unfounded|fabricated|made[- ]up|lies|nonsense|exaggerated)\b/i,
    /\b(spreading|spread|these|such|online) rumou?rs?\b/i,
    /\bfake news\b/i,
    /\bfalse (claims|reports|allegations|information|stories|rumou?rs)\b/i,
    /\b(there is|there's|there was) (no|nothing) (problem|issue|evidence|wrong|link)\b/i,
    /\bnothing (is |was )?wrong with (our|the)\b/i,
    /\bwe (firmly |strongly |categorically )?deny\b/i,
    /\b(did|could) not (have )?(happen(ed)?|come from (us|our))\b/i,
    /\bour (food|products?|kitchens?|meals?) (is|are|was|were) (safe|fine|not the cause)\b/i,
  ],
  blame: [
    /\bcompetitors?\b|\brivals?\b|\bsmear( campaign)?\b/i,
    /\b(customer|customers|consumer|consumers|diners?|you)(['’]s| own| themselves| yourself)\b[^.!?]{0,40}\b(fault|stomach|health|conditions?|handling|storage|mistake|hygiene|allerg)/i,
    /\b(sensitive|weak|delicate) (stomach|digestion)s?\b|\bunderlying (health )?conditions?\b|\bpre-existing\b/i,
    /\b(user error|improper (use|storage|handling)|incorrect (use|storage)|misuse)\b/i,
    /\byou should (have|not have)\b|\bif you had\b|\byou (failed|forgot|neglected) to\b/i,
    /\b(supplier|suppliers|vendor|delivery (driver|partner|rider|company)|courier|franchisee|third[- ]party)\b[^.!?]{0,40}\b(fault|responsib|to blame|caused|error|mistake|problem)/i,
    /\b(not our fault|not (our|the restaurant's) responsibility|beyond our control)\b/i,
  ],
  legalThreat: [
    /\blegal (action|steps|measures|consequences|proceedings)\b/i,
    /\b(lawyers?|attorneys?|solicitors?|lawsuit|sue|suing|defamation|libel|slander|cease[- ]and[- ]desist|prosecut\w*)\b/i,
    /\bhold (them|those|anyone|you)\b[^.!?]{0,30}\b(accountable|responsible|liable)\b/i,
  ],
  minimising: [
    /\bonly (\d|a (few|handful|tiny|small)|one|two|three|0\.)/i,
    /\b(?!100\b)\d+(\.\d+)? ?(%|percent|per cent)/i,
    /\b(one|1) in (a|every|\d)[\d,]* ?(million|thousand|hundred)?\b/i,
    /\b(isolated|individual|one-off|rare|exceptional) (case|incident|event|occurrence)s?\b/i,
    /\b(extremely|very|statistically) (rare|unlikely|insignificant)\b|\bstatistically\b/i,
    /\b(tiny|small|negligible) (number|fraction|minority|percentage)\b/i,
    /\bvast majority\b|\bmillions of (meals|customers|orders|people)\b/i,
    /\b(within|meets?|complies with|compliant with) (all )?(the )?(acceptable |safe |normal |national |legal |safety )+(limits|levels|range|standards?)\b/i,
  ],
};

const zh: PhraseSet = {
  empathy: [
    /抱歉|歉意|道歉|对不起|致歉|愧疚|自责/,
    /心疼|痛心|难过|揪心|感同身受|牵挂/,
    /理解(您|你|大家|各位)?(的)?(担忧|担心|愤怒|不安|心情|感受)/,
    /(我们|我方)的(责任|错误|失误|过错)|是我们(做得不好|没有做好|的错)/,
  ],
  nonApology: [/(如|若|如果)(有|给您?)?(带来)?(任何)?不便[，,]?(敬请|请)?谅解/, /如果(您|你)(觉得|认为|感到)/],
  actionTaken: [
    /(已|已经|第一时间|立即|连夜|马上)(全面|全部|主动)?(将)?[^，。；！？]{0,12}(下架|停售|召回|暂停|封存|关闭|停业|联系|送检|成立|启动|报告|上报|退款|赔付|撤下|停止|销毁|排查|消毒|更换|检测|送往|派出|开通|设立|联络|增加|退还|重置|补发)/,
    /正在(积极)?(配合|调查|排查|联系|核查|检测|逐一|对接|跟进|协助|全面)/,
    /(配合|协助)[^，。；！？]{0,10}(卫生|监管|市场监督|食药监|疾控|有关|相关)部门/,
  ],
  nextStep: [
    /(将|会|承诺)[^，。；！？,]{0,8}?(全额|承担|负责|赔付|赔偿|报销|公布|公开|通报|更新|告知|联系|退款|回访|整改|上门|发布|逐一|邀请|开放|重新|寄出|寄送|更换|补发|安排|退还|说明)/,
  ],
  time: [
    /\d+\s*(个)?(分钟|小时|天|日|个工作日|工作日)(内|之内)|(一|两|三|二十四|四十八)(个)?(小时|天|日|工作日)(内|之内)/,
    /今天|今晚|明天|明日|本周|今日|当天|次日/,
    /\d{1,2}\s*(点|时|:\d{2})(前|之前)?/,
    /\d{1,2}\s*月\s*\d{1,2}\s*(日|号)/,
    /(周|星期)[一二三四五六日天](前|之前|内)?/,
    /每(天|日|隔\s*\d+\s*小时)/,
  ],
  denial: [
    /谣言|造谣|不实|纯属捏造|子虚乌有|无中生有|捏造|虚假(信息|消息|言论|报道)|假新闻/,
    /(完全|绝对|百分之百|一定|都是)(是)?(安全|合格|没有问题|没问题|放心)/,
    /(没有|不存在)(任何)?(问题|质量问题|安全问题|关系)/,
    /与(我们|我司|本店|我店|本公司)(无关|没有关系)/,
    /(不可能|不会)(是|出现|发生)(在)?(我们|我司|本店)/,
  ],
  blame: [
    /竞争对手|同行|恶意抹黑|抹黑|黑公关|水军|别有用心/,
    /(顾客|消费者|用户|客人|您|你|网友)(自己|自身|本人)?的?(肠胃|体质|身体|过敏|原因|问题|责任|使用不当|保存不当|储存不当)/,
    /(肠胃不好|体质(差|弱|特殊)|自身原因|个人原因|使用不当|保存不当|储存不当|操作不当|食用不当)/,
    /(您|你)(应该|本应|本该|没有按照|未按)|(顾客|消费者|用户|您|你)[^，。；！？]{0,6}自行/,
    /(供应商|供货商|外卖(员|平台|骑手)|骑手|配送方|第三方|加盟商)[^，。；！？]{0,12}(责任|问题|造成|导致|过错|失误)/,
    /(不是|并非|与)(我们|我方|本店)的?(责任|过错)|责任不在(我们|我方|本店)/,
  ],
  legalThreat: [/法律责任|起诉|追究|律师函|报警|诉诸法律|法律手段|法律途径|法律程序|诽谤|名誉权/],
  minimising: [
    /个例|个别(现象|事件|情况|顾客|消费者)|极少数|小概率|偶发|概率(极|很|非常)?低/,
    /(仅|只有|仅有|仅占)[^，。；！？]{0,4}?(\d|一|两|几|极少)|只[^，。；！？是]{0,4}?(\d|极少)/,
    /(?<!100)(?<!\d)\d+(\.\d+)?\s*%|百分之(?!百)|万分之|千分之/,
    /正常现象|符合(国家|行业|相关)?(标准|规定)|在(安全|正常)范围/,
    /(绝大多数|大部分|数百万|上百万|千万)(顾客|消费者|用户|份|单)/,
  ],
};

export const PHRASES = { en, zh } as const;

/** What the suggested reply adds when a piece is missing. */
export const SUGGESTIONS = {
  en: {
    empathy: 'We are deeply sorry to everyone affected, and we understand how worrying this is.',
    action: 'We have started an investigation and are contacting everyone affected.',
    time: 'We will share what we find, and what we are doing about it, within 24 hours.',
    remove: 'Remove this sentence.',
  },
  zh: {
    empathy: '我们向所有受到影响的顾客深表歉意，也理解大家的担忧。',
    action: '我们已第一时间启动调查，并正在逐一联系受影响的顾客。',
    time: '我们将在24小时内公布调查进展和处理措施。',
    remove: '删除这句话。',
  },
} as const;
