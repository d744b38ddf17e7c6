/**
 * Webhook bodies in each receiver's own JSON shape: Slack incoming webhooks (Block Kit), Feishu/Lark
 * custom bots (interactive card), DingTalk and WeCom group bots (markdown), and goldenhour's generic JSON.
 */
import type { ChannelKind } from '../../core/rules/alert.js';
import { isWebUrl } from '../../core/web/links.js';
import type { Notice } from '../../core/notifications/notice.js';

export type WebhookKind = Exclude<ChannelKind, 'email'>;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const FEISHU_TEMPLATES: Record<Notice['severity'], string> = { P1: 'red', P2: 'orange', P3: 'yellow', P4: 'grey' };

function markdown(n: Notice, link: (label: string, url: string) => string): string {
  const facts = n.facts.map((f) => `**${f.label}:** ${f.value}`);
  const evidence = n.evidence.map((e) => `- ${isWebUrl(e.url) ? link(clip(e.text, 120), e.url) : clip(e.text, 120)} (${e.platform}, ${e.engagement})`);
  return [n.summary, '', ...facts, ...(n.why?.length ? ['', ...n.why] : []), ...(evidence.length ? ['', '**Evidence**', ...evidence] : []), '', n.actions.map((a) => link(a.label, a.url)).join(' · ')].join('\n');
}

function slack(n: Notice): unknown {
  const mrkdwnLink = (label: string, url: string) => `<${url}|${label.replace(/[<>|]/g, ' ')}>`;
  const body = markdown(n, mrkdwnLink).replace(/\*\*/g, '*');
  return {
    text: n.title,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(n.title, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(body, 2900) } },
      { type: 'actions', elements: n.actions.map((a, i) => ({ type: 'button', text: { type: 'plain_text', text: a.label }, url: a.url, ...(i === 0 ? { style: 'danger' } : {}) })) },
    ],
  };
}

function feishu(n: Notice): unknown {
  return {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { title: { tag: 'plain_text', content: n.title }, template: FEISHU_TEMPLATES[n.severity] },
      elements: [
        { tag: 'div', text: { tag: 'lark_md', content: markdown({ ...n, actions: [] }, (l, u) => `[${l}](${u})`) } },
        { tag: 'action', actions: n.actions.map((a, i) => ({ tag: 'button', text: { tag: 'plain_text', content: a.label }, url: a.url, type: i === 0 ? 'danger' : 'default' })) },
      ],
    },
  };
}

const dingtalk = (n: Notice): unknown => ({
  msgtype: 'markdown',
  markdown: { title: clip(n.title, 60), text: `### ${n.title}\n\n${markdown(n, (l, u) => `[${l}](${u})`)}` },
});

// WeCom group bots cap markdown content at 4096 bytes.
const wecom = (n: Notice): unknown => ({
  msgtype: 'markdown',
  markdown: { content: clip(`### ${n.title}\n${markdown(n, (l, u) => `[${l}](${u})`)}`, 1300) },
});

const generic = (n: Notice): unknown => ({
  type: n.kind,
  severity: n.severity,
  brand: n.brand,
  title: n.title,
  summary: n.summary,
  facts: n.facts,
  evidence: n.evidence,
  actions: n.actions,
  data: n.data ?? {},
});

const FORMATS: Record<WebhookKind, (n: Notice) => unknown> = { slack, feishu, dingtalk, wecom, webhook: generic };

/** The JSON body for a webhook channel. */
export function webhookPayload(kind: WebhookKind, n: Notice): unknown {
  return FORMATS[kind](n);
}
