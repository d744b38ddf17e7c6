/**
 * Crisis-communication phrase patterns, per language. Empathy and acknowledgement are what a
 * worried customer needs to read first; explanation, minimising and blame read as defensiveness
 * when they come before it.
 */
export interface PhraseSet {
  empathy: RegExp[];
  acknowledgement: RegExp[];
  /** Technical or statistical explanation and minimising ("a rare event"). */
  explanation: RegExp[];
  blame: RegExp[];
  /** A concrete action the brand commits to. */
  action: RegExp[];
  /** A concrete time for that action. */
  time: RegExp[];
  /** Phrases removed or softened when rewriting an explanation sentence. */
  softenings: Array<[RegExp, string]>;
}

const en: PhraseSet = {
  empathy: [
    /\bwe (fully |completely |truly |really )?understand\b/i,
    /\b(your|the) (concern|worry|worries|frustration|anger|disappointment)\b/i,
    /\bhow (upsetting|worrying|frustrating|stressful)\b/i,
    /\bwe hear you\b/i,
  ],
  acknowledgement: [
    /\b(sorry|apologi[sz]e|apologies|apology)\b/i,
    /\bwe take (this|it|your \w+) (very |extremely )?seriously\b/i,
    /\b(our|my) (mistake|fault|responsibility|failure)\b/i,
    /\bwe (got (this|it) wrong|were wrong|fell short|let you down)\b/i,
  ],
  explanation: [
    /\btechnically\b/i,
    /\bstatistically\b/i,
    /\b(rare|isolated|one-off|individual) (event|case|incident|occurrence)\b/i,
    /\b(meets?|compl(y|ies) with|within) (all |the )?(relevant |applicable |normal |acceptable |safety )?(standards?|limits?|regulations?|range)\b/i,
    /\bonly (a (few|handful|small number)|\d+(\.\d+)?%)/i,
    /\bextremely (unlikely|rare)\b/i,
  ],
  blame: [
    /\byou should( not|n't)? have\b/i,
    /\byour (own )?fault\b/i,
    /\buser error\b/i,
    /\b(improper|incorrect|wrong) (use|usage|storage|handling|operation)\b/i,
    /\bmisuse(d)?\b/i,
    /\byou (failed|forgot|neglected) to\b/i,
    /\byou (did not|didn't) (follow|read|store|check)\b/i,
    /\bif you had\b/i,
    /\bcontrary to (the |our )?instructions\b/i,
  ],
  action: [
    /\bwe (will|'ll|are going to|are now|have (already )?(started|begun|stopped|suspended|recalled|removed|contacted))\b/i,
    /\bwe are (investigating|reviewing|testing|contacting|replacing|refunding|recalling|inspecting|suspending)\b/i,
  ],
  time: [
    /\bwithin (the next )?\d+ (minutes?|hours?|days?|working days?)\b/i,
    /\bby (today|tonight|tomorrow|noon|midnight|the end of (the )?(day|today|week)|(mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}(:\d{2})? ?(am|pm)?)\b/i,
    /\b(today|tonight|tomorrow|this (morning|afternoon|evening|week))\b/i,
    /\b\d{1,2}(:\d{2})? ?(am|pm)\b/i,
    /\b(before|on) \d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
  ],
  softenings: [
    [/\b(technically|statistically)( speaking)?,?\s*/gi, ''],
    [/\b(this|it) (is|was) (a |an )?(very |extremely )?(rare|isolated|one-off|individual) (event|case|incident|occurrence)\b/gi, 'every single case matters to us'],
    [/\bextremely (unlikely|rare)\b/gi, 'something we must not allow'],
  ],
};

const zh: PhraseSet = {
  empathy: [/理解(您|你|大家)/, /(担忧|担心|不安|心情|愤怒|失望)/, /感同身受/],
  acknowledgement: [/(抱歉|歉意|道歉|对不起)/, /高度重视/, /(我们|我方)的(责任|错误|失误|问题)/],
  explanation: [/技术上/, /小概率/, /(个别|偶发)(现象|事件|情况)/, /个例/, /符合(国家|行业|相关)?(标准|规定)/, /正常现象/, /概率(极|很|非常)?低/, /仅(有|占)?\s*\d/],
  blame: [
    /(您|你)(应该|本应|本该|没有|未能|自己)/,
    /(使用|操作|保存|储存|存放)(不当|错误|方法不对)/,
    /(个人|自身|用户)(原因|问题|责任)/,
    /违反(了)?(说明|规定)/,
  ],
  action: [/我们(将|会|已|已经|正在|立即|马上)/, /(立即|马上)(下架|停售|召回|调查|排查|联系)/],
  time: [/\d+\s*(个)?(分钟|小时|天|个工作日|工作日)(内|之内)/, /(今天|今晚|明天|明日|本周|今日)/, /\d{1,2}\s*(点|时)(前|之前)?/, /\d{1,2}\s*月\s*\d{1,2}\s*日/],
  softenings: [
    [/技术上(来说|讲)?[，,]?/g, ''],
    [/(这|此)(是|属于)(一起|一个)?(小概率|个别|偶发)(事件|现象|情况)/g, '每一个个案我们都会认真对待'],
    [/概率(极|很|非常)?低/g, '我们不会因为概率低而忽视'],
  ],
};

export const PHRASES = { en, zh } as const;

/** Sentences the check suggests when something is missing or must be rewritten. */
export const SUGGESTIONS = {
  en: {
    empathy: 'We understand your concern, and we are sorry for the worry this has caused.',
    acknowledgement: 'We are sorry this happened, and we take it very seriously.',
    nextStep: 'We are investigating now and will share what we find, and what we will do about it, within 24 hours.',
    time: 'within 24 hours',
    blame: 'We are looking into what happened together with you, and we will make our instructions clearer so it does not happen again.',
  },
  zh: {
    empathy: '我们理解您的担忧，对此给您带来的不安深表歉意。',
    acknowledgement: '对于此事，我们深表歉意，并高度重视。',
    nextStep: '我们已立即启动调查，将在24小时内公布调查结果和处理措施。',
    time: '在24小时内',
    blame: '我们正在与您一起核实情况，并会改进说明，避免类似问题再次发生。',
  },
} as const;
