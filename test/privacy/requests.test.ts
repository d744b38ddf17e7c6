import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { storedMentions } from '../support/stored.js';
import { privacyConfig, seedPeople } from './support.js';
import { runCli } from '../support/run-cli.js';

/** A person named by one of their posts: its link on the command line, its mention id over HTTP. */
describe('access and erasure requests by link and by mention id', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-20T08:10:00Z');

  beforeAll(async () => {
    t = await startTestApp({ label: 'privacy_requests', clock, config: privacyConfig });
    await seedPeople(t, clock);
  }, 120_000);
  afterAll(async () => t.close());

  it('goldenhour privacy export --url prints every copy of the author of that post, and no one else\'s', async () => {
    const env = { ...process.env, MONGODB_URI: process.env.GOLDENHOUR_TEST_MONGODB_URI!, GOLDENHOUR_DB_NAME: t.config.dbName, GOLDENHOUR_RULES_DIR: join(process.cwd(), 'rules') };
    const r = await runCli(['privacy', 'export', '--url', 'https://weibo.example/wang-1', '--by', 'dpo@acme'], { cwd: mkdtempSync(join(tmpdir(), 'gh-privacy-')), env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { counts: Record<string, number>; copies: { kind: string; where: string }[] };
    // The link leads to Wang's post, and its author to Wang's two others.
    expect(doc.counts).toMatchObject({ mention: 3, mentionKey: 3 });
    expect(doc.copies.filter((c) => c.kind === 'mention').map((c) => c.where.split('/')[1]).sort()).toEqual(['weibo:wang-1', 'weibo:wang-2', 'weibo:wang-3']);
    expect(r.stdout).not.toContain('limarker');
  }, 360_000);

  it('DELETE /api/v1/privacy/subjects?mention= erases that author\'s posts and keeps the others', async () => {
    const res = await t.request('/api/v1/privacy/subjects?mention=weibo:li-1', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { erased: Record<string, number> }).erased).toMatchObject({ mention: 1, mentionKey: 1 });
    expect((await storedMentions(t.connection)).map((m) => m._id).sort()).toEqual(['weibo:wang-1', 'weibo:wang-2', 'weibo:wang-3']);
  });
});
