import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { mention } from '../support/factories.js';
import { privacyConfig } from './support.js';
import { runCli } from '../support/run-cli.js';

describe('goldenhour privacy backfill', () => {
  let t: TestApp;
  const cwd = mkdtempSync(join(tmpdir(), 'gh-backfill-'));
  const run = (...args: string[]) =>
    runCli(['privacy', 'backfill', ...args], {
      cwd,
      env: { ...process.env, MONGODB_URI: process.env.GOLDENHOUR_TEST_MONGODB_URI!, GOLDENHOUR_DB_NAME: t.config.dbName, GOLDENHOUR_RULES_DIR: join(process.cwd(), 'rules') },
    });
  const exported = async () => ((await (await t.request('/api/v1/privacy/subjects?platform=weibo&author=%40zhou')).json()) as { counts: Record<string, number> }).counts;

  beforeAll(async () => {
    t = await startTestApp({ label: 'privacy_backfill', clock: new ManualClock('2026-11-20T08:00:00Z'), config: privacyConfig });
    // Zhou's 5 posts over three days, and 3 of someone else's; then the index is lost, as if they were stored before it existed.
    const posts = [16, 17, 17, 18, 18].map((d, i) => mention({ externalId: `zhou-${i}`, url: `https://weibo.example/zhou-${i}`, text: `Acme noodles ${i}`, publishedAt: `2026-11-${d}T09:00:00Z`, author: { name: 'Zhou', handle: '@zhou' } }));
    const others = [16, 17, 18].map((d, i) => mention({ externalId: `sun-${i}`, text: `Acme rice ${i}`, publishedAt: `2026-11-${d}T10:00:00Z`, author: { name: 'Sun', handle: '@sun' } }));
    expect((await t.request('/api/v1/mentions', { method: 'POST', as: 'responder', json: [...posts, ...others] })).status).toBe(200);
    for (const c of await t.connection.db!.listCollections({}, { nameOnly: true }).toArray()) if (c.name.startsWith('author_index_')) await t.connection.db!.collection(c.name).drop();
  }, 120_000);
  afterAll(async () => t.close());

  it('files mentions stored without index entries, a day at a time with progress, so requests by author find them', async () => {
    expect(await exported()).toEqual({});
    const r = await run('--batch', '2');
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      'author index: 20261116 2 mentions, 3 entries (1/3 days)',
      'author index: 20261117 3 mentions, 5 entries (2/3 days)',
      'author index: 20261118 3 mentions, 5 entries (3/3 days)',
    ]);
    expect(JSON.parse(r.stdout)).toEqual({ days: 3, mentions: 8, entries: 13 });
    // 5 posts by author and 5 by link.
    expect(await exported()).toEqual(expect.objectContaining({ mention: 5, authorIndex: 10 }));
  }, 240_000);

  it('resumes from the last day it finished, reading that day again and none before it', async () => {
    const r = await run();
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual(['author index: 20261118 3 mentions, 5 entries (1/1 days)']);
    expect(await exported()).toEqual(expect.objectContaining({ mention: 5, authorIndex: 10 }));
  }, 240_000);

  it('names the option to fix', async () => {
    const r = await run('--batch', 'lots');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--batch: a whole number from 1 to 10000/);
  }, 240_000);
});
