import { describe, expect, it } from '@jest/globals';
import { createAnalyzer } from './analyzer.js';
import { scoreChinese } from './chinese.js';
import { wordCues } from './cues.js';
import { addChineseWords, segmentChinese } from '../text/segment.js';

// The analyser teaches the segmenter our words and, with its first Chinese text, the dictionary's.
createAnalyzer().analyze({ text: '好' });

/** Scoring and cues by the segmenter's word ids must read exactly what reading the tokens' text reads. */
function expectSameByIds(text: string): void {
  const ids: number[] = [];
  const tokens = segmentChinese(text, ids);
  const byIds = wordCues(tokens, false, ids);
  const byText = wordCues(tokens);
  expect(scoreChinese(tokens, null, byIds, ids)).toBe(scoreChinese(tokens, null, byText));
  expect(byIds.keys).toEqual(byText.keys);
}

describe('Chinese scoring by word ids', () => {
  const texts = [
    '服务很好，但是房间不太干净。',
    '总的来说 还不错\n就是有点贵',
    '没有筷子，外卖小哥态度差！[哈哈]',
    '临近火车站双层玻璃，隔音效果好',
    '看nba比赛，花了4299元 very good',
  ];

  it('reads the same words by id as by text: ours, jieba\'s, spaces and line breaks (words the segmenter never holds)', () => {
    texts.forEach(expectSameByIds);
  });

  it('still does after the segmenter learns a new word', () => {
    addChineseWords(['隔音效果好测']);
    texts.forEach(expectSameByIds);
    expectSameByIds('隔音效果好测试');
  });
});
