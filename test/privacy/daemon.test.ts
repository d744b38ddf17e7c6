import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/platform/database/free-port.js';

const dir = mkdtempSync(join(tmpdir(), 'gh-privacy-daemon-'));
const env = { ...process.env, MONGODB_URI: process.env.GOLDENHOUR_TEST_MONGODB_URI!, GOLDENHOUR_DB_NAME: `privacy_daemon_${process.pid}`, GOLDENHOUR_RULES_DIR: resolve('rules'), LOG_FORMAT: 'json' };
const cli = (...args: string[]) => spawnSync(process.execPath, [resolve('bin/goldenhour.js'), ...args], { cwd: dir, env, encoding: 'utf8' });

describe('an erasure from the command line, with a daemon running', () => {
  let daemon: ChildProcess | undefined;
  afterAll(async () => {
    if (daemon && daemon.exitCode === null) {
      const closed = new Promise((r) => daemon!.once('close', r));
      daemon.kill('SIGTERM');
      await closed;
    }
  });

  it('reaches the daemon\'s dashboard snapshots on its next tick, not when they would have expired', async () => {
    // A tick every 5 s; the 30-day snapshot is computed again only when 80% of its 24 × 5 s age has passed
    // (96 s after the one made at start), so a post still listed 30 s after the erasure would be the old snapshot's.
    const port = await freePort();
    writeFileSync(join(dir, 'goldenhour.yaml'), `demo: false\nport: ${port}\ndashboard:\n  cacheSeconds: 5\nbrands:\n  - id: acme\n    name: Acme Foods\n`);
    // Stored before the daemon starts, so its first snapshot lists them.
    const publishedAt = new Date(Date.now() - 3_600_000).toISOString();
    const posts = [
      { brand: 'acme', platform: 'weibo', externalId: 'zhao-1', text: 'Acme food made me sick, disgusting zhaomarker', publishedAt, author: { name: 'Zhao', handle: '@zhao' }, engagement: { likes: 9, shares: 9, comments: 9, views: 90 } },
      { brand: 'acme', platform: 'weibo', externalId: 'qian-1', text: 'Acme delivery was awful and late qianmarker', publishedAt, author: { name: 'Qian', handle: '@qian' } },
    ];
    writeFileSync(join(dir, 'posts.jsonl'), `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`);
    expect(cli('import', 'posts.jsonl').status).toBe(0);
    daemon = spawn(process.execPath, [resolve('dist/src/main.js')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    daemon.stdout!.on('data', (c: Buffer) => (log += c.toString()));
    daemon.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    const deadline = Date.now() + 180_000;
    while (!/"event":"listening"/.test(log) && daemon.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(log).toMatch(/"event":"listening"/);
    const url = `http://127.0.0.1:${port}`;
    const token = cli('token', 'create', '--role', 'admin', '--name', 'dpo').stdout.trim();
    const api = (path: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const listed = async () => ((await (await api('/api/v1/dashboard?brand=acme&period=30d')).json()) as { negativeMentions: { text: string }[] }).negativeMentions.map((m) => m.text).join(' ');
    expect(await listed()).toContain('zhaomarker');

    const erased = cli('privacy', 'erase', '--platform', 'weibo', '--author', '@zhao', '--by', 'dpo');
    expect(erased.status).toBe(0);
    const until = Date.now() + 30_000;
    let shown = await listed();
    while (shown.includes('zhaomarker') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      shown = await listed();
    }
    expect(shown).not.toContain('zhaomarker');
    expect(shown).toContain('qianmarker');
  }, 360_000);
});
