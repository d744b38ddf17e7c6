import type { Polarity } from '../../src/core/sentiment/types.js';

/**
 * Hand-written labels in a brand's own slang, which the rules do not know: "塌房" (a fall from grace) and "拉胯"
 * (shoddy) are complaints, "yyds" and "绝绝子" are praise; English "mid" and "a total L" are put-downs,
 * "slaps" and "goated" are praise. Subjects and endings vary so that only the slang carries the label.
 */
const zhSubjects = ['这次的新品', '客服', '你们家的外卖', '新版本', '这家店', '快递', '售后', '他们的耳机', '包装', '这款手机'];
const zhEndings = ['', '了', '啊', '，服了', '，无语', '。', '吧', '哈哈', '，真的', '，说实话'];
const enSubjects = ['the new release', 'support', 'this phone', 'the update', 'their app', 'the delivery', 'this store', 'the headphones', 'the packaging', 'the menu'];
const enEndings = ['', ' tbh', ' lol', ' ngl', ' fr', '.', ' again', ' today', ' honestly', ' for real'];

export function slangLabels(lang: 'zh' | 'en'): { text: string; label: Polarity }[] {
  const out: { text: string; label: Polarity }[] = [];
  const [subjects, endings] = lang === 'zh' ? [zhSubjects, zhEndings] : [enSubjects, enEndings];
  const negative = lang === 'zh' ? ['又塌房', '真拉胯'] : ['is mid', 'is a total L'];
  const positive = lang === 'zh' ? ['yyds', '绝绝子'] : ['slaps', 'is goated'];
  subjects.forEach((s, i) =>
    endings.forEach((e, j) => {
      const k = (i + j) % 2;
      out.push({ text: lang === 'zh' ? `${s}${negative[k]}${e}` : `${s} ${negative[k]}${e}`, label: 'negative' });
      out.push({ text: lang === 'zh' ? `${s}${positive[k]}${e}` : `${s} ${positive[k]}${e}`, label: 'positive' });
    }),
  );
  return out;
}
