import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardService } from '../../src/dashboards/dashboard.service.js';
import { digestMessage } from '../../src/dashboards/digest-content.js';
import { DigestService } from '../../src/dashboards/digest.service.js';
import { MailCatcher } from '../../src/demo/mail-catcher.js';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ARTIFACTS } from './browser.js';
import { NOW, openIncident, seedMentions, webConfig } from './support.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe(DigestService.name, () => {
  let t: TestApp;
  const catcher = new MailCatcher(() => new Date(0));
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    const port = await catcher.start();
    t = await startTestApp({
      label: 'web-digest',
      clock,
      config: { ...webConfig, smtp: { host: '127.0.0.1', port, secure: false, from: 'goldenhour <digest@goldenhour.test>' }, digest: { brands: [{ brand: 'acme', at: '08:30', to: ['exec@acme.test', 'care@acme.test'], lang: 'en' }] } },
    });
    await seedMentions(t);
    await openIncident(t, clock);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await catcher.stop();
  });

  it('gives the complaint figures in Chinese too', async () => {
    const d = await t.app.get(DashboardService).dashboard({ brand: 'acme', from: new Date('2026-11-19T16:00:00Z'), to: new Date('2026-11-20T16:00:00Z') });
    const zh = digestMessage(d, '2026-11-20', 'zh', { dashboard: 'http://x', volumeCid: 'v', topicsCid: 't' });
    expect(zh.text).toMatch(/^客诉工单: 已解决 \d+ 件，24 小时内解决 (—|[\d.]+ %)，首次回复中位 .+；未结 \d+ 件$/m);
  });

  it('waits for the configured time of day in the brand time zone', async () => {
    clock.set('2026-11-21T00:20:00Z'); // 08:20 in Shanghai
    expect(await t.app.get(DigestService).sendDue()).toEqual([]);
    expect(catcher.mails).toHaveLength(0);
  });

  it("mails yesterday's figures with the charts embedded as PNG images, once a day", async () => {
    clock.set('2026-11-21T00:31:00Z'); // 08:31 in Shanghai: the digest of 2026-11-20 is due
    const digests = t.app.get(DigestService);
    expect(await digests.sendDue()).toEqual([{ status: 'sent', day: '2026-11-20', recipients: ['exec@acme.test', 'care@acme.test'] }]);
    const mail = await catcher.waitFor((m) => m.subject.includes('daily digest'));
    expect(mail.subject).toBe('goldenhour daily digest: Acme Foods, 2026-11-20');
    expect(mail.to).toBe('exec@acme.test, care@acme.test');
    const images = mail.attachments.filter((a) => a.contentType === 'image/png');
    expect(images).toHaveLength(2);
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const img of images) {
      writeFileSync(join(ARTIFACTS, `digest-${img.filename}`), img.content);
      expect(img.content.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(img.size).toBeGreaterThan(5_000);
      expect(mail.html).toContain(`cid:${img.cid}`);
    }
    expect(mail.text).toMatch(/^Mentions: \d+/m);
    expect(mail.text).toMatch(/Incidents: 1 opened, 1 still open/);
    expect(mail.text).toMatch(/^Complaints \(cases\): \d+ resolved, (—|[\d.]+ %) within 24 h, first reply .+ \(median\); \d+ open$/m);
    expect(mail.text).toMatch(/Crisis terms:\n {2}★ food poisoning: \d+/);
    expect(await digests.sendDue()).toEqual([{ status: 'already_sent', day: '2026-11-20' }]);
    expect(catcher.mails).toHaveLength(1);
  });
});
