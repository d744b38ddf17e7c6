import { describe, expect, it } from '@jest/globals';
import { needlesOf, redactEvidence, redactText, REMOVED_ON_REQUEST } from './evidence.js';
import { dueDays, retentionCutoffs } from './retention.js';
import { authorHash, subjectId } from './subject.js';

const policy = { mentionDays: 90, engagementDays: 30, evidenceDays: 90, outboxSentDays: 14, labelDays: 365, auditDays: 365 };

describe(retentionCutoffs.name, () => {
  it('keeps a day partition until its whole day is older than the retention', () => {
    const c = retentionCutoffs(new Date('2026-11-20T08:00:00Z'), policy);
    expect(c.mentionDay).toBe('20260822');
    expect(dueDays(['20260820', '20260821', '20260822', '20261120'], c.mentionDay)).toEqual(['20260820', '20260821']);
  });

  it('gives each kind its own cutoff', () => {
    const c = retentionCutoffs(new Date('2026-11-20T08:00:00Z'), policy);
    expect(new Date(c.journalBefore).toISOString()).toBe('2026-10-21T07:00:00.000Z');
    expect(c.outboxSentBefore.toISOString()).toBe('2026-11-06T08:00:00.000Z');
    expect(c.labelsBefore.toISOString()).toBe('2025-11-20T08:00:00.000Z');
    expect(c.auditMonth).toBe('202511');
  });
});

describe(redactEvidence.name, () => {
  const list = [
    { platform: 'weibo', externalId: 'p1', url: 'https://weibo.example/p1', text: 'my chicken rice made me sick', engagement: 40 },
    { platform: 'weibo', externalId: 'p2', text: 'someone else', engagement: 10 },
  ];

  it("replaces the subject's entries by a placeholder that keeps platform, engagement and the list's order", () => {
    const { list: out, changed } = redactEvidence(list, new Set(['weibo:p1']), REMOVED_ON_REQUEST);
    expect(changed).toBe(1);
    expect(out).toEqual([{ platform: 'weibo', externalId: '', text: REMOVED_ON_REQUEST, engagement: 40 }, list[1]]);
    expect(redactEvidence(out, new Set(['weibo:p1']), REMOVED_ON_REQUEST).changed).toBe(0);
  });
});

describe(redactText.name, () => {
  it('removes a mention from mail text, HTML and JSON bodies, whole or clipped', () => {
    const text = `Food poisoning <again> from "Sunrise" — ${'x'.repeat(300)}`;
    const needles = needlesOf([{ text, url: 'https://weibo.example/p1?a=1&b=2' }]);
    const mail = `Evidence:\n- [weibo, 40] ${text.slice(0, 279)}…\n  https://weibo.example/p1?a=1&b=2`;
    const html = '<li>Food poisoning &lt;again&gt; from &quot;Sunrise&quot; — xxx</li><a href="https://weibo.example/p1?a=1&amp;b=2">';
    expect(redactText(mail, needles, REMOVED_ON_REQUEST).text).toBe(`Evidence:\n- [weibo, 40] ${REMOVED_ON_REQUEST}\n  ${REMOVED_ON_REQUEST}`);
    expect(redactText(JSON.stringify({ text }), needles, REMOVED_ON_REQUEST).text).toBe(`{"text":"${REMOVED_ON_REQUEST}"}`);
    expect(redactText(html.replace('xxx', 'x'.repeat(300)), needles, REMOVED_ON_REQUEST).changed).toBe(true);
    expect(redactText('nothing of it here', needles, REMOVED_ON_REQUEST)).toEqual({ text: 'nothing of it here', changed: false });
  });
});

describe(subjectId.name, () => {
  it('names the same author the same way, whatever request found them', () => {
    expect(subjectId({ platform: 'weibo', author: 'wang' })).toBe(subjectId({ platform: 'weibo', author: 'wang' }));
    expect(subjectId({ platform: 'weibo', author: 'wang' })).not.toBe(subjectId({ platform: 'douyin', author: 'wang' }));
    expect(authorHash('weibo', 'wang')).toMatch(/^[0-9a-f]{16}$/);
  });
});
