/**
 * goldenhour's Chinese sentiment lexicon, written for reviews and social posts (food, delivery, logistics,
 * product quality, service, price, safety, everyday Weibo language and internet slang).
 * Weights are on the same −4..+4 scale as the English (VADER) lexicon, grouped by strength so a reader can
 * move a word between tiers without touching code. Words are space-separated.
 * Words none of these lists hold fall back to the bilingual dictionary's reading (chinese-dictionary.ts).
 */
import { createRequire } from 'node:module';
import { rateDictionary } from './chinese-dictionary.js';
import { ENGLISH_VALENCE } from './english-lexicon.js';

const require = createRequire(import.meta.url);
const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

const POSITIVE: Record<string, string> = {
  '3': `物美价廉 物超所值 超赞 完美 极好 最好 绝佳 惊艳 一流 顶级 yyds 绝绝子 五星好评 强烈推荐 非常满意 十分满意
    超级好吃 特别好吃 太好吃 生日快乐 圆满成功 幸福 超值 无可挑剔 赞不绝口 回味无穷 好评如潮 良心商家 必须好评 棒棒哒
    太棒了 超好吃 好好吃 爱死 真香 满分 厚道 实惠又好吃 五星好评 好评好评 强推 必点 必买 首选 赞赞赞 超爱 最爱 一级棒`,
  '2.5': `绝了 好吃 美味 可口 满意 好评 优秀 出色 精彩 精致 开心 快乐 高兴 愉快 喜欢 热爱 好看 漂亮 美丽 可爱 给力 超快
    神速 惊喜 感动 暖心 贴心 周到 靠谱 放心 优质 棒 很棒 赞 点赞 推荐 值得 值得推荐 划算 实惠 超好 挺好 很好 不错
    特好 正能量 温馨 舒心 舒服 舒适 难忘 优惠 好用 好喝 香甜 鲜美 入味 地道 正宗 专业 热情 耐心 细心 用心 亲切
    友好 礼貌 干净 整洁 宽敞 流畅 清晰 精美 高端 大气 精湛 感谢 谢谢 感恩 期待 幸运 温暖 美好 甜蜜 欣慰 自豪 祝福
    恭喜 庆祝 成功 胜利 冠军 荣获 满足 过瘾 享受 安心 省心 干净卫生 新鲜 及时 准时 迅速 快捷 性价比高 分量足 量足
    量大 份量足 很快 挺快 超级快 好好 好棒 厉害 牛逼 牛B 帅 帅气 美 美美 好极了 宝藏 良心 神仙 绝配 种草 安利 嫩滑
    香脆 酥脆 爽口 清爽 好闻 保温 热乎 热乎乎 分量大 干净利落 耐用 结实 稳定 顺畅 灵敏 清楚 一如既往 回购 还会再来
    会再来 再来 再点 再买 再订 还会点 还会买 会回购 会再点 还会光顾 认同 靠得住 信得过 厚道 实诚 良心价 老顾客 常客 回头客 五星 满分好评 超满意 nice good`,
  '1.5': `好 香 鲜 嫩 甜 酥 脆 快 便宜 值 实在 方便 快速 齐全 丰富 合理 适中 合适 刚好 正好 够 足 大份 充足 安全 健康
    卫生 安静 明亮 温柔 善良 真诚 勇敢 坚强 努力 加油 支持 喜爱 爱 梦想 美食 风景 阳光 春天
    嘻嘻 嘿嘿 么么哒 笑 微笑 欢迎 热烈 隆重 顺利 积极 创新 提升 改善 进步 发展 共赢 公益 关爱
    帮助 保障 荣誉 表彰 获奖 先进 模范 骄傲 感激 珍惜 陪伴 想念 思念 浪漫 自由 轻松 放松 有趣 好玩 有意思 搞笑 萌
    甜美 清新 优雅 高级 有品位 经典 独特 特色 新颖 精神 赏心悦目 有味道 够味 过瘾 解馋 下饭 酥软 软糯 Q弹 筋道 劲道
    清淡 营养 丰盛 辣得过瘾 够辣 管饱 吃饱 饱 准点 提前 提前送到 包装好 包装精美 包装完好 完好 无损 正品
    行货 原装 验货 赠品 小礼物 态度好 服务好 服务周到 效率高 高效 速度快 送餐快 物流快 发货快 快递给力 满减 值得购买
    不错哦 好评啦 惬意 开怀 乐 欢乐 喜 喜悦 欢喜 祝 生日 节日快乐 新年快乐 平安 健康快乐 团圆 相聚 美滋滋
    正版 轻薄 便携 静音 受益匪浅 受益 启发 值得一读 值得一看 好书 爱不释手 引人入胜 深刻 透彻 通俗易懂 易懂 全面 详细
    生动 实用 豪华 便利 下次还住 还会入住 会再住 愉快 时尚 超值 物美 性价比不错 满意度 不愧 名不虚传 名副其实 值了 没得说
    没话说 无可挑剔 挑不出 挑不出毛病 到位 合口味 对味 好评如潮 回头率 人气 火爆
    魅力 风情 貌美如花 羡慕 開心 喜歡 欣赏 愿意 祈祷 暖 致敬 喜感 xswl 666 nb NB awsl 好美 很美 美哭
    笑容 微笑服务 酷 炫 美好生活 温情 爱心 奉献 敬业 尽职 负责 细致 体贴 热心 贴心服务 放心购买 物有所值 识货 推荐购买`,
  '0.8': `可以 希望 挺 ok OK 正常 及格 过得去`,
  /** Faint praise: in a review, 还行 / 还可以 is as often a polite complaint as a compliment. */
  '0.3': `还可以 还行 还好 能吃 普普通通的还行 尚可 中规中矩 还凑合`,
};

/**
 * Words of the domains goldenhour watches — hotels, laptops and gadgets, books, food delivery — and the
 * verdicts reviewers close with (还会再来, 不会再来, 推荐).
 */
const DOMAIN_POSITIVE: Record<string, string> = {
  '3': `宾至如归 强烈推荐 力荐 五星推荐 必须推荐 墙裂推荐 还会再来 一定会再来 下次还来 下次还会来 下次还住 还会再住 还会入住 还会光顾
    百看不厌 爱不释手 不忍释卷 获益匪浅 受益匪浅 意犹未尽 相见恨晚 一口气读完 一口气看完 值得收藏 值得一读 值得拥有 无可挑剔`,
  '2': `辛苦 辛苦了 幸苦 辛苦啦 秒送 神一样 送得快 送的快 来得快 来的快 很准时 准时送达 按时 及时送达 热乎乎的 还热 还是热的 依然热
    有收获 收获 很有收获 推荐大家 推荐购买 推荐入住 推荐给 值得推荐 物有所值 超出预期 超预期 出乎意料 好评 经常点 经常来 常点 常来
    经常买 一直点 一直订 一直定 每次都点 每天都点 老客户 回头客 交通便利 交通方便 位置好 位置很好 地段好 闹中取静 视野好 景色好 海景
    早餐丰富 早餐不错 设施齐全 设施新 装修新 隔音好 床舒服 床很舒服 安静 散热好 散热不错 续航好 运行流畅 反应快 手感好 做工精细
    做工好 做工不错 外观漂亮 屏幕清晰 音质好 性能强 配置高 开机快 内容丰富 印刷精美 装帧精美 纸质好 纸张好 通俗易懂 深入浅出 引人深思
    发人深省 感人 感人至深 催人泪下 耐人寻味 妙趣横生 文笔好 文笔优美 文笔流畅 正版 理解 体谅 谅解 迷恋 上瘾 好评如潮 牛 太吊 吊炸天 厉害了`,
};

const DOMAIN_NEGATIVE: Record<string, string> = {
  '3': `不会再来 不会再点 不会再买 不会再订 不会再去 不会再住 不会再光顾 再也不来 再也不点 再也不买 再也不住 再也不去 再也不会来
    不会来了 不来了 不推荐 不建议 不敢恭维 误人子弟 骗钱 浪费钱 浪费时间 浪费生命 看不下去 读不下去 看不懂 不值这个价 大失所望 坑爹
    隔音差 隔音太差 隔音不好 设施陈旧 设备陈旧 有霉味 霉味 潮湿 蚊子多 有蟑螂 热水不热 没有热水 死机 黑屏 蓝屏 花屏 坏点 返修 退货
    胡扯 胡说八道 废话连篇 东拼西凑 凑字数 炒冷饭 粗制滥造 错字连篇 漏洞百出 糊弄 敷衍了事 洒了一地 汤洒了 全洒了 撒了一袋`,
  '2': `送得慢 送的慢 来得慢 来的慢 等了很久 等了好久 等了半天 等了一个小时 等了两个小时 送晚了 晚了一个小时 迟到了 超时了 不热了 都凉了
    全凉了 凉了 冰凉 凉透了 漏了 撒了 洒了 少送 漏送 没送 没给筷子 没有筷子 没有勺子 没有餐具 噪音大 发热大 发热严重 温度高 散热差
    散热不好 续航短 电池不耐用 反应慢 运行慢 开机慢 卡顿 掉漆 做工粗糙 做工差 做工一般 屏幕暗 有划痕 翻新机 内容空洞
    内容一般 没意思 没劲 无聊 枯燥 乏味 读不懂 难懂 晦涩 错别字 印刷差 纸张差 纸质差 纸张薄 盗版 缺页 脱页 房间小 房间旧 房间很旧
    设施旧 设施老 装修旧 床太硬 床很硬 床不舒服 不隔音 太吵 很吵 吵死 服务一般 服务差 态度恶劣 态度很差 爱理不理 前台冷漠
    位置偏 位置偏僻 偏僻 不好找 难找 早餐差 早餐一般 早餐单调 早餐很差 要疯了 疯了 不行了 醉了 服了 呵呵了 吐槽`,
};

/**
 * Laughter. A post that laughs is joking or teasing (笑死, 哈哈哈, [允悲] "laughing at my own misfortune"), so
 * its complaint words count less; laughter itself is mildly positive.
 */
export const LAUGHTER = `哈哈 哈哈哈 哈哈哈哈 哈哈哈哈哈 嘻嘻 嘿嘿 嘻嘻嘻 笑死 笑死我了 笑死了 笑死人 笑喷 笑哭 笑cry 笑出声 爆笑 哈 hhh hhhh
  hhhhh 233 2333 23333 233333 hahaha haha`;
export const LAUGHING_EMOTICONS = `哈哈 嘻嘻 笑cry doge 二哈 偷笑 偷乐 坏笑 憨笑 笑而不语 哈`;

/** Words that contain a sentiment character but carry none (好多 = many, 差不多 = about): listed so they block it. */
const NEUTRAL = `一般来说 一般都 一般是 一般情况 最好是 最好不要 最好别 最好能 大冷天 冷天 天冷 大热天 热天 雨天 下雨天 大雪天 雪天
  天气不好 天气冷 天气热 一晚 一晚上 晚上 晚餐 晚饭 早晚 假期 放假 请假 显卡 网卡 内存卡 银联卡 信用卡 会员卡 房卡 卡片 土豆 土司 乡土 得不行 得要命 好多 好几 好像 只好 正好 刚好 好奇 爱好 好处 好友 好不容易 好在 说好 差不多 出差 相差 差点 差距 不好意思 好久 好些 好歹
  美国 美元 美金 美团 美的 好莱坞 爱国 可爱多 快递 快餐 快要 快点 尽快 赶快 加快 高铁 高中 高考 大学 大家 大概 多少 少女 少年 至少
  多久 多大 热点 热水 冷饮 冷面 冷库 冷藏 甜品 甜点 臭豆腐 苦瓜 酸奶 酸菜 辣椒 辣条 麻辣 香菜 香肠 香港 香蕉 香菇 新闻 新年 新华社 不是第一次 不止一次 意思 送达
  半价 第二份半价 打折 打八折 打五折 折扣 满减`;

const NEGATIVE: Record<string, string> = {
  '3.5': `垃圾 辣鸡 恶心 差评 最差 极差 太差 超差 很差 特差 巨差 差劲 太差劲 难吃 超难吃 特难吃 太难吃 难以下咽 骗子 诈骗 黑心
    奸商 假货 劣质 无良 坑爹 坑人 宰客 食物中毒 吃坏肚子 拉肚子 吃出头发 吃出虫子 吃出虫 有头发 有虫子 有苍蝇 有蟑螂 有异物 异物 变质 发霉 馊 臭了 馊了 过期
    烂透 垃圾店 再也不 再也不会 再也不来 再也不买 再也不点 拉黑 投诉 欺骗 骗人 退款 绝望 愤怒 气死 恶劣 态度恶劣 极其恶劣
    一星 零分 智商税 避雷 踩雷 踩坑 翻车 劝退 后悔 失望 太失望 非常失望 很失望 上当 受骗 被骗 糟糕 太糟糕 糟透 最烂 烂
    死亡 遇难 身亡 丧生 惨死 杀人 谋杀 强奸 暴力 恐怖 虐待 霸凌 歧视 腐败 贪污 犯罪 违法 违规 造假 掺假 欺诈 套路 霸王条款
    乱收费 缺斤少两 偷工减料 以次充好 冒充 假冒 山寨 盗版 不靠谱 太坑 巨坑 大坑 血亏 亏大了 呕 想吐 吐了 作呕 无语 醉了 心塞
    崩溃 气人 可恶 混蛋 王八蛋 傻逼 sb SB 滚 去死 该死 恶 丑陋 卑鄙 无耻 不要脸 缺德 恶毒 名不符实 名不副实 影印版 盗版书 缺页
    粗鲁 粗暴 蛮横 mmp MMP cnmd mlgb cnm nmsl 煞笔 傻逼 sb 操 艹 蓝瘦香菇 真是够了 受够了 苍蝇 蟑螂 虫子 掉页 漏水 堵塞 停水 停电 不制冷 霉味 烟味 蚊子 扣押金 刁难 怠慢 宰人 被宰 水漫金山 破烂 破烂不堪 坏点 漏光 异响 掉漆 断网 掉线`,
  '2.5': `绿茶婊 差 不好 不行 难喝 难用 难看 难闻 难受 糟心 闹心 烦 烦人 讨厌 厌恶 痛恨 恨 生气 郁闷 伤心 难过 痛苦 悲伤 悲剧 惨 悲哀 委屈
    可怜 可惜 遗憾 不满 不满意 抱怨 吐槽 批评 谴责 质疑 丑闻 曝光 黑幕 内幕 欺负 嚣张 冷漠 敷衍 不耐烦 爱答不理 爱理不理 甩脸
    态度差 服务差 服务态度差 效率低 拖延 推诿 扯皮 慢 太慢 超慢 很慢 特慢 巨慢 慢死 龟速 磨蹭 超时 延误 迟到 晚到 送错 漏送
    少送 送漏 错送 丢件 丢了 漏了 洒了 撒了 洒 漏 破损 损坏 压坏 压扁 碎了 坏了 坏 破 裂 断了 故障 死机 蓝屏 卡顿 闪退 黑屏
    发烫 发热 噪音 吵 吵闹 脏 脏乱 脏乱差 不卫生 油腻 太油 太咸 齁 齁咸 咸死 腥 膻 夹生 没熟 糊了 焦了 凉了 冷了 冰凉
    凉透 硬邦邦 太硬 干巴巴 寡淡 没味 没味道 无味 淡而无味 变味 异味 怪味 有味 臭 酸了 馊味 掉色 褪色 起球 开线 缩水 瑕疵
    毛病 缺陷 粗糙 做工差 简陋 破旧 陈旧 老旧 旧 贵 太贵 死贵 偏贵 坑 上火 肚子疼 胃疼 过敏 不舒服 生病 病
    受伤 伤 疼 痛 流血 事故 车祸 火灾 灾难 危险 威胁 危机 冲突 战争 污染 抗议 反对 争议 偷 盗 抢 抢劫 失踪 去世 病逝 悼念
    哀悼 痛心 心疼 心痛 哭 哭了 泪 流泪 眼泪 呜呜 呜呜呜 唉 哎 无奈 无聊 尴尬 丢脸 丢人 不爽 倒霉 晦气 吐血 抓狂 焦虑 紧张
    害怕 可怕 恐惧 担心 担忧 忧虑 失眠 孤独 寂寞 心累 累 疲惫 压力 烦躁 暴躁 纠结 迷茫 空虚 嗬嗬 切 鄙视
    蠢 傻 笨 白痴 脑残 弱智 渣 人渣 渣男 丑   low 坑钱 割韭菜 韭菜 忽悠 虚假 虚假宣传 货不对板 与描述不符 不符 不一致 图片不符
    货不对 少了 缺 没送 没给 没有送 不送 忘了 忘记 催 催单 催了 等了 等半天 半天 一个小时 两个小时 一个多小时 俩小时 退货 退钱
    差价 涨价 加价 贵了 缺货 断货 没货 投诉无门 差点 拒绝 拒收 取消订单 取消 删评 不回 不理 没人理 不管 不负责 没用 无用 鸡肋
    浪费 白瞎 白花 白买 不值 不值得 不划算 亏 吃亏 不推荐 别买 别点 千万别 慎买 慎点 慎入 凑数 粗制滥造   骗 坑了 呸 妈的
    他妈 tmd TMD 卧槽 我靠 尼玛 我去 shit fuck bad 装错 弄错 搞错 送晚了 晚了 才到 才送到 才送来 才来 很久 好久 太久 半天才
    两颗星 一颗星 两星 差劲儿 说好的 不厚道 过火 烤糊 煮烂 太烂 倒胃口 没胃口 吃不下 扔了 倒掉 全扔了 喂狗 狗都不吃 垃圾食品
    去死吧 臭 臭男人 坑货 渣渣 恶心死 难吃死 难吃到 一坨 一团糟 乱七八糟 惨不忍睹 不堪 不可理喻 莫名其妙 岂有此理 服了 受不了
    受够了 忍无可忍 欺人太甚 店大欺客 不思进取 反省 教训 警告 提醒大家 大家注意 上当受骗 血的教训 得不偿失 后悔死 悔死
    待提高 待改进 需改进 欠缺 吹牛 不相符 不符合 不一样 没办法 不准 不对 有误 错误 错 失误 纰漏 漏洞 隐患 卡扣 积灰 发黄`,
  '1.5': `很普通 太普通 迷茫 问题 很卡 太卡 有点卡 卡死 卡机 太晚 很晚 太土 很土 土气 凑合 凑活 不如 油乎乎 稠 一团 成一团 丧 有毒 蓝瘦 眼淚 ㅠㅠ QAQ TAT 惊悚 够了 多小时 吃出 吃出来 就更好了 就好了 就完美了   呵呵 呵呵哒 居然 竟然 小贵 推托 推脱 吃力 翻新 枯燥 凌乱 够呛 炒作 繁琐 脱落 不见 乏味 空洞 肤浅 啰嗦 冗长 拖沓 晦涩 难懂
    看不懂 平淡 老套 俗套 生硬 牵强 错别字 折痕 污渍 发烫 烫手   划痕 松动 缝隙 不稳 耗电 老化 潮湿 嘈杂 不干净 偏远 难找 冷淡
    押金 水管 杂物 粘 易粘   留不住 等很久 吵闹 色差 死点 一般 一般般   平平 平庸 马马虎虎 不怎么样 不咋地 不咋样 勉强 将就 少 量少 太少 分量少 份量少 偏少 不足 偏咸
    偏淡 偏甜 偏辣 咸 淡 腻 干 硬 凉 冷 温 软塌塌 稀 稀稀拉拉 细碎 碎 挤 小气 抠 麻烦 复杂 困难 难 费劲 不方便 不便 不习惯
    奇怪 怪   懵 晕 慌 怕 忧 愁 烦恼 苦 苦恼 疑惑 疑问 不解 不明白 不知道 为什么 凭什么 怎么回事 搞什么 什么鬼 啥玩意 咋回事
    还没 还没到 没到 没收到 未收到 迟迟 一直没 一直不 仍未 至今 等待 排队 打不通 联系不上 没人接 罚 罚款 处罚 调查
    通报 被查 查处 违反 停业 整改 下架 召回 起诉 诉讼 维权 赔偿 索赔 退 辣得受不了 太辣 太甜 太淡 太油腻 太腻 偏硬 偏软
    假的 差不多 偏 差了点 欠 欠佳 有待 有待提高 有待改进 改进 需要改进 失败 输 亏损 下跌 暴跌 跌 裁员 倒闭 破产 离职 分手
    离婚 吵架 骂 骂人 打人 打架 死 哭泣 伤感 心酸 心碎 遗忘 失去 错过 离开 告别 再见 老了 胖了 丑了 穷 缺钱 没钱 加班 熬夜`,
};

/** Negators flip (and soften) the sentiment of what follows within the clause. */
export const NEGATORS = `不 没 没有 木有 没得 无 未 别 非 莫 勿 毫无 并非 并不 并没有 不是 绝非 从未 从不 从没 从来不 从来没有 没什么 不怎么 不算 不太
  不大 不很 不够 不会 不能 不可 不要 不用 不必 难以 不再 再也没 一点也不 一点都不 一点儿也不 根本不 根本没 完全不 毫不 决不 绝不
  没那么 不那么 不怎样 没有想象中 没有想象中的 没想象中 没想象的 没有想象的 没有想像中 不如想象 不如想象中 没有传说中 没传说中 没有预想
  没有期待中 没有以前 没以前 不如以前 不像以前`;

/** Negators that also dampen: 不太好 is mildly negative, not the opposite of 太好. */
export const SOFT_NEGATORS = `不太 不大 不很 不怎么 没那么 不那么 不算 不够 不是很 不是太 不是特别 没什么`;

/** Degree adverbs: multiplier applied to the next sentiment word in the clause. */
export const DEGREE: Record<string, string> = {
  '2': `极其 极度 极为 极 最 最最 超级 超 巨 贼 死 万分 无比 太 太过 过于 非常 十分 特别 特 格外 分外 异常 相当 绝对 简直 完全
    彻底 实在 实在是 真心 真是 真的 不是一般 不是一般的 好好 超级无敌 无敌 爆 爆炸 炸裂 超赞 他妈 巨 贼 特么 tm 老子`,
  '1.5': `很 挺 蛮 真 好 老 那么 这么 多么 多 更 更加 越来越 越发 愈发 尤其 颇 颇为 确实 的确 真是太`,
  '1': `快`,
  '0.7': `比较 较 还 还算 还是 稍 稍微 稍稍 略 略微 有点 有点儿 有些 有一点 一点 一点点 些许 偏 偏偏 些`,
};

/** A clause after one of these outweighs the clause before it ("味道不错，但是太慢了"). */
export const CONTRAST = `但是 但 不过 可是 却 然而 可惜 偏偏 反而 而是 不料 谁知 没想到`;

/**
 * A minor reservation after praise ("好吃，就是米饭少了点"): the clause after it counts as it is, and the one
 * before keeps its weight, unlike 但是.
 */
export const MILD_CONTRAST = `就是 就是太 只是 只不过 唯一 唯一的 美中不足 唯一不足 唯一的缺点 要说缺点 缺点是 稍有不足`;

/** A clause opened by one of these is the reviewer's verdict and outweighs what came before (总的来说，还不错). */
export const CONCLUSION = `总的来说 总的说来 总的来讲 总得来说 总体来说 总体来讲 总体上 总体而言 总体感觉 总的感觉 总体 总之 总而言之 综上
  综上所述 整体来说 整体而言 整体上 整体感觉 整体 总结 一句话 总评 结论 最后`;

/**
 * A clause opened by one of these is a wish for what the order lacked (如果饼薄一些会更好吃, 建议少放点油): its
 * praise reads as a mild complaint and its complaints count less.
 */
export const HYPOTHETICAL = `如果 要是 假如 假若 倘若 若是 若 建议 要是能 如果能 希望能 希望下次 下次能 最好能`;

/**
 * Markers of a rhetorical question (难道…吗？, 有你们这么做生意的吗？, 还怎么点？): the question asserts the
 * opposite of its words, and in a review it is a complaint.
 */
export const RHETORICAL = `难道 怎么能 怎能 怎么可以 怎么好意思 好意思 凭什么 还怎么 叫我怎么 让我怎么 哪有 有这样 有这么 有你们这样 有你们这么
  至于吗 何必 岂不是 这叫 这也叫 这就是所谓`;

/** A clause opened by one of these is conceded, so it weighs less ("虽然贵，但是好吃"). */
export const CONCESSION = `虽然 虽 虽说 尽管 即使 哪怕 就算 固然`;

/**
 * Weibo emoticons as written in post text (`[哈哈]`): name → weight. Sarcastic ones ([微笑], [呵呵], [doge])
 * lean negative, as Weibo users use them.
 */
const EMOTICONS: Record<string, string> = {
  '3': `爱你 心 给力 赞 good 耶 哈哈 嘻嘻 太开心 鼓掌 偷乐 好爱哦 爱心 亲亲 憧憬 飞吻 礼物 蛋糕 鲜花 玫瑰 威武 干杯 握手 胜利
    笑哈哈 haha 噢耶 鮮花`,
  '2': `笑cry 可爱 酷 好喜欢 抱抱 馋嘴 挤眼 色 花心 害羞 ok 赞啊 作揖 互粉 中国赞 奥特曼 兔子 熊猫 太阳 月亮 星星 微风 带着微博去旅行 心心 鼓掌 加油 牛 笑而不语 羞嗒嗒 偷笑 awsl 哆啦A梦微笑 哆啦A梦开心 蜡笔小新开心
    舔屏 呲牙 机智 调皮 愉快 小黄人剪刀手 小黄人得意 小黄人高兴 哆啦A梦美味`,
  '1': `憨笑`,
  '0.5': `猪头 污 喵喵 二哈 doge 喵 思考 吃瓜 嘘 并不简单 坏笑 阴险 嘿哈 吃惊 看涨 围观 哼唧 兔子开心 捂脸 奸笑 小黄人坏笑`,
  '0': `跪了 挖鼻 睡 左哼哼 右哼哼 求关注 地点 音乐 电影 照相机 话筒 飞机 图书 再见 哆啦A梦吃惊 小黄人惊讶 胡巴疑惑`,
  '-1': `微笑 呵呵 疑问 困 打哈欠 黑线 汗 哼 晕 衰 蜡烛 小黄人无奈 小黄人白眼 笑哭 跪 无奈 哈欠 尴尬 哆啦A梦汗`,
  '-0.5': `摊手 允悲 费解`,
  '-1.5': `泪 淚`,
  '-2.5': `悲伤 伤心 失望 可怜 委屈 生病 感冒 吐 哭 大哭 鄙视 白眼 傻眼 囧 骷髅 裂开 心碎 伤心 拜拜 酸 单身狗 皱眉 闭嘴 快哭了 可憐
    小黄人委屈 胡巴委屈`,
  '-3.5': `怒 咒骂 抓狂 怒骂 愤怒 弱 nonono 不要 哼哼 抠鼻屎 吐血 炸弹 中刀 抓狂了 怒了 打脸 草泥马 神马 浮云 NO 拳头 差劲 弱爆了`,
};

/**
 * Aspect words whose adjective decides the polarity: 性价比高 is praise, 价格高 a complaint; 分量少 a complaint,
 * 价格低 praise. "more is better" aspects first, then "more is worse" ones.
 */
const MORE_IS_BETTER = `性价比 质量 品质 态度 效率 评价 分数 颜值 分量 份量 量 饭量 菜量 速度 口碑 档次 配置 性能 信誉 满意度 诚信 素质 水平 销量
  续航 分辨率 屏幕 空间 房间 面积 色彩 亮度 清晰度 精度 容量 内存 硬盘 电量 待机 营养 料 肉 馅 味道 口味 味 香味`;
const MORE_IS_WORSE = `价格 价钱 价位 收费 费用 运费 配送费 包装费 餐盒费 服务费 房价 噪音 噪声 油 盐 糖 咸度 故障率 延迟 延时 等待 时间 重量
  温度 热量 辐射 风险 差价 价 钱 费`;
export const ADJECTIVE_HIGH = words(`高 大 多 足 长 重 厚 贵 强 足够 充足 很多 很高 很大 很长 很足 很重 挺高 挺大 挺多 太高 太大 太多 太长
  太重 太贵 超高 超大 超多 偏高 偏大 偏多 偏长 偏重 偏贵 较高 较大 较多 较长 蛮多 蛮大 蛮高`);
export const ADJECTIVE_LOW = words(`低 小 少 短 轻 薄 弱 便宜 很低 很小 很少 很短 太低 太小 太少 太短 偏低 偏小 偏少 较低 较小 较少 超低 超小
  超少 有点少 有点小 不多 不大 不高 不够`);

function tiers(groups: Record<string, string>, sign: number, into: Map<string, number>): Map<string, number> {
  for (const [weight, words] of Object.entries(groups)) {
    for (const word of words.split(/\s+/)) if (word) into.set(word, sign * Number(weight));
  }
  return into;
}


/** Word → valence for Chinese text (neutral compounds win, then negative words, when a word is listed twice). */
export const CHINESE_VALENCE: ReadonlyMap<string, number> = tiers(
  { '0': NEUTRAL },
  1,
  tiers(DOMAIN_NEGATIVE, -1, tiers(DOMAIN_POSITIVE, 1, tiers(NEGATIVE, -1, tiers(POSITIVE, 1, new Map())))),
);
export const CHINESE_NEGATORS = words(NEGATORS);
export const CHINESE_SOFT_NEGATORS = words(SOFT_NEGATORS);
export const CHINESE_DEGREE: ReadonlyMap<string, number> = tiers(DEGREE, 1, new Map());
export const CHINESE_CONTRAST = words(CONTRAST);
export const CHINESE_MILD_CONTRAST = words(MILD_CONTRAST);
export const CHINESE_CONCLUSION = words(CONCLUSION);
export const CHINESE_HYPOTHETICAL = words(HYPOTHETICAL);
export const CHINESE_RHETORICAL = words(RHETORICAL);
export const CHINESE_LAUGHTER = words(LAUGHTER);
export const CHINESE_LAUGHING_EMOTICONS = words(LAUGHING_EMOTICONS);
export const CHINESE_CONCESSION = words(CONCESSION);
export const ASPECTS: ReadonlyMap<string, number> = new Map([
  ...[...words(MORE_IS_BETTER)].map((w): [string, number] => [w, 1]),
  ...[...words(MORE_IS_WORSE)].map((w): [string, number] => [w, -1]),
]);
export const WEIBO_EMOTICONS: ReadonlyMap<string, number> = tiers(EMOTICONS, 1, new Map());
/** Weibo's emoticon series whose faces are named by character and feeling ([小黄人委屈], [哆啦A梦开心]). */
export const EMOTICON_SERIES: readonly string[] = ['小黄人', '哆啦A梦', '胡巴', '蜡笔小新', '弗莱'];

/** Everything the scorer needs to know about one segmented word, so scoring costs one lookup per token. */
export interface ChineseWord {
  valence?: number;
  negator?: 'hard' | 'soft';
  degree?: number;
  contrast?: 'strong' | 'mild';
  concession?: boolean;
  conclusion?: boolean;
  hypothetical?: boolean;
  laugh?: boolean;
  /** +1: more of it is better (性价比); −1: more of it is worse (价格). */
  aspect?: number;
  /** +1: 高/多/快…; −1: 低/少/慢… (read against the aspect before it). */
  amount?: number;
  clauseEnd?: 'plain' | 'exclaim' | 'question';
  rhetorical?: boolean;
  /** The valence comes from the bilingual dictionary (chinese-dictionary.ts), not from our hand-rated lists. */
  dictionary?: boolean;
}

const LAUGHTER_VALENCE = 2;

/**
 * Every word object has every field, in one order, so that the scorer's property reads stay monomorphic: with
 * words of many shapes (the dictionary's added another) scoring ChnSentiCorp took a third longer.
 */
function blankWord(): ChineseWord {
  return {
    valence: undefined,
    negator: undefined,
    degree: undefined,
    contrast: undefined,
    concession: undefined,
    conclusion: undefined,
    hypothetical: undefined,
    laugh: undefined,
    aspect: undefined,
    amount: undefined,
    clauseEnd: undefined,
    rhetorical: undefined,
    dictionary: undefined,
  };
}

/**
 * CC-CEDICT as `@nlpjs/lang-zh` ships it (a module exporting the dictionary text). Its 9 MB text is needed once:
 * it leaves the module cache after rating.
 */
function dictionaryValence(): Map<string, number> {
  const path = require.resolve('@nlpjs/lang-zh/src/cedict_ts.u8.js');
  const cedict = require(path) as string;
  delete require.cache[path];
  return rateDictionary(cedict, ENGLISH_VALENCE);
}

function wordTable(): Map<string, ChineseWord> {
  const table = new Map<string, ChineseWord>();
  const entry = (w: string): ChineseWord => {
    let e = table.get(w);
    if (!e) table.set(w, (e = blankWord()));
    return e;
  };
  for (const [w, v] of CHINESE_VALENCE) entry(w).valence = v;
  for (const w of CHINESE_NEGATORS) entry(w).negator = CHINESE_SOFT_NEGATORS.has(w) ? 'soft' : 'hard';
  for (const [w, d] of CHINESE_DEGREE) entry(w).degree = d;
  for (const w of CHINESE_CONTRAST) entry(w).contrast = 'strong';
  for (const w of CHINESE_MILD_CONTRAST) entry(w).contrast = 'mild';
  for (const w of CHINESE_CONCLUSION) entry(w).conclusion = true;
  for (const w of CHINESE_HYPOTHETICAL) entry(w).hypothetical = true;
  for (const w of CHINESE_LAUGHTER) {
    entry(w).laugh = true;
    entry(w).valence ??= LAUGHTER_VALENCE;
  }
  for (const w of CHINESE_CONCESSION) entry(w).concession = true;
  for (const [w, a] of ASPECTS) entry(w).aspect = a;
  for (const w of ADJECTIVE_HIGH) entry(w).amount = 1;
  for (const w of ADJECTIVE_LOW) entry(w).amount = -1;
  for (const w of ['，', ',', '。', '.', '；', ';', '~', '～', '…', '\n', ' ', '、', '：', ':']) entry(w).clauseEnd = 'plain';
  for (const w of ['？', '?']) entry(w).clauseEnd = 'question';
  for (const w of CHINESE_RHETORICAL) entry(w).rhetorical = true;
  for (const w of ['！', '!']) entry(w).clauseEnd = 'exclaim';
  return table;
}

const table = wordTable();
/** Our words, and the dictionary's once `loadChineseDictionary` has run. */
export const CHINESE_WORDS: ReadonlyMap<string, ChineseWord> = table;

let dictionaryWords: string[] | undefined;

/**
 * Adds the bilingual dictionary's words to CHINESE_WORDS, once, and returns them. It takes about a second
 * (reading and rating some 100k entries), so the analyser calls it for its first Chinese text rather than at
 * start-up. Every hand-written word and role wins over the dictionary's reading.
 */
export function loadChineseDictionary(): readonly string[] {
  if (dictionaryWords) return dictionaryWords;
  dictionaryWords = [];
  for (const [w, v] of dictionaryValence()) {
    if (table.has(w)) continue;
    const word = blankWord();
    word.valence = v;
    word.dictionary = true;
    table.set(w, word);
    dictionaryWords.push(w);
  }
  return dictionaryWords;
}
