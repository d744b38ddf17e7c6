import { describe, expect, it } from '@jest/globals';
import { emailHtml, emailText } from './email-format.js';
import type { Notice } from '../../core/notifications/notice.js';
import { webhookPayload } from './webhook-format.js';

const notice = (url: string): Notice => ({
  kind: 'alert',
  severity: 'P1',
  brand: 'acme',
  title: '[P1] negative surge for acme',
  summary: 'Negative mentions surge.',
  facts: [],
  evidence: [{ text: '全家食物中毒 <b>"x"</b>', platform: 'weibo', engagement: 1200, url }],
  actions: [{ label: 'Acknowledge', url: 'http://127.0.0.1:3000/board?alert=a' }],
});

describe('links in alert mails and webhooks', () => {
  it('opens evidence and action links without an opener or a referrer', () => {
    const html = emailHtml(notice('https://weibo.example/1?a=1&b=2'));
    expect(html).toContain('<a href="https://weibo.example/1?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">全家食物中毒 &lt;b&gt;&quot;x&quot;&lt;/b&gt;</a>');
    expect(html).toContain('<a href="http://127.0.0.1:3000/board?alert=a" target="_blank" rel="noopener noreferrer" style=');
  });

  it('shows a link that is not http(s) as plain text, nowhere clickable', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:msgbox']) {
      const html = emailHtml(notice(url));
      expect(html).not.toContain(url.slice(0, 10));
      expect(html).toContain('<li>全家食物中毒 &lt;b&gt;');
      expect(emailText(notice(url))).not.toContain(url.slice(0, 10));
      expect(JSON.stringify(webhookPayload('slack', notice(url)))).not.toContain(url.slice(0, 10));
    }
  });
});
