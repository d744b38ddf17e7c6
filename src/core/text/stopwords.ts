import { createRequire } from 'node:module';

/**
 * Stop words for keyword extraction. The base lists are the ones `natural` ships (English and Chinese);
 * the additions are words that carry no topic in reviews and social posts (fillers, particles, pronouns,
 * platform noise such as "rt" or 转发).
 */
const require = createRequire(import.meta.url);
const naturalEn = (require('natural/lib/natural/util/stopwords.js') as { words: string[] }).words;
const naturalZh = (require('natural/lib/natural/util/stopwords_zh.js') as { words: string[] }).words;

const EXTRA_EN = `im ive id youre dont doesnt didnt cant wont isnt arent wasnt werent thats theres its it's i'm don't
doesn't didn't can't won't isn't aren't wasn't weren't that's there's i've i'd you're they're we're let's get got
gets getting really just also even still much many lot lots thing things one two would could should might must
like go going gone went make made know think say said see seen way well yeah yes ok okay oh lol rt via amp u ur
im ya gonna wanna gotta`;

const EXTRA_ZH = `的 了 着 过 吗 呢 吧 啊 呀 哦 哟 嘛 啦 哈 嗯 么 也 都 就 还 又 再 才 只 很 太 挺 真 真的 非常 特别 比较 有点
有些 一点 一些 一下 这个 那个 这些 那些 这样 那样 这么 那么 什么 怎么 为什么 因为 所以 但是 但 不过 可是 然后 而且
还是 就是 已经 一直 一个 一次 一样 我们 你们 他们 她们 自己 大家 我 你 他 她 它 咱 人 有 没 没有 是 不 在 和 与 跟
给 对 把 被 让 从 到 说 去 来 要 会 能 可以 觉得 感觉 知道 东西 时候 今天 昨天 明天 现在 还有 下次 每次 这次 这家
那家 点 个 次 家 份 里 上 下 内 前 后 而 且 或 则 便 呗 咯 噢 位 块 杯 碗 盒 种 件 本 张 台 条 吃 喝 买 用 做 想 叫 拿 送 得 地 转发 微博 回复 网页 链接 全文 展开 视频 图片 分享 评论 收起 哈哈 哈哈哈 嘻嘻
怀疑 事情 事儿 情况 问题 感受 时间 地方 样子 东东 一家`;

const toSet = (extra: string, base: string[]): ReadonlySet<string> =>
  new Set([...base.map((w) => w.toLowerCase()), ...extra.split(/\s+/).filter(Boolean)]);

export const ENGLISH_STOP_WORDS = toSet(EXTRA_EN, naturalEn);
export const CHINESE_STOP_WORDS = toSet(EXTRA_ZH, naturalZh);
