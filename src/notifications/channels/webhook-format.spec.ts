import { describe, expect, it } from '@jest/globals';
import type { Notice } from '../../core/notifications/notice.js';
import { webhookPayload } from './webhook-format.js';

const notice: Notice = {
  kind: 'alert',
  severity: 'P1',
  brand: 'acme',
  title: '[P1] negative surge for acme',
  summary: 'Negative mentions surge.',
  facts: [{ label: 'Public response due', value: '2026-11-20 09:00 UTC' }],
  evidence: [{ text: '全家食物中毒', platform: 'weibo', engagement: 1200, url: 'https://weibo.example/1' }],
  actions: [{ label: 'Acknowledge', url: 'http://127.0.0.1:3000/board?alert=a' }],
};

describe('webhookPayload', () => {
  it('builds a Feishu/Lark interactive card with a red header and an acknowledge button', () => {
    expect(webhookPayload('feishu', notice)).toMatchObject({
      msg_type: 'interactive',
      card: {
        header: { title: { tag: 'plain_text', content: notice.title }, template: 'red' },
        elements: [
          { tag: 'div', text: { tag: 'lark_md', content: expect.stringContaining('[全家食物中毒](https://weibo.example/1)') } },
          { tag: 'action', actions: [{ tag: 'button', url: 'http://127.0.0.1:3000/board?alert=a' }] },
        ],
      },
    });
  });

  it('builds WeCom and DingTalk markdown messages with the due time and links', () => {
    const wecom = webhookPayload('wecom', notice) as { msgtype: string; markdown: { content: string } };
    expect(wecom.msgtype).toBe('markdown');
    expect(wecom.markdown.content).toContain('**Public response due:** 2026-11-20 09:00 UTC');
    expect(wecom.markdown.content).toContain('[Acknowledge](http://127.0.0.1:3000/board?alert=a)');
    expect(webhookPayload('dingtalk', notice)).toMatchObject({ msgtype: 'markdown', markdown: { title: notice.title, text: expect.stringMatching(/^### \[P1\]/) } });
  });

  it('builds Slack mrkdwn links in <url|label> form', () => {
    const slack = webhookPayload('slack', notice) as { blocks: { text?: { text: string } }[] };
    expect(slack.blocks[1].text!.text).toContain('<https://weibo.example/1|全家食物中毒>');
  });
});
