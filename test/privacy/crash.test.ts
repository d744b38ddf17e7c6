import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { everything, privacyConfig, seedPeople, wang } from './support.js';

describe('goldenhour privacy erase, killed half-way', () => {
  let t: TestApp;
  const cwd = mkdtempSync(join(tmpdir(), 'gh-privacy-'));
  const args = ['privacy', 'erase', '--platform', 'weibo', '--author', wang.handle, '--by', 'dpo@acme'];
  const env = () => ({ ...process.env, MONGODB_URI: process.env.GOLDENHOUR_TEST_MONGODB_URI!, GOLDENHOUR_DB_NAME: t.config.dbName, GOLDENHOUR_RULES_DIR: join(process.cwd(), 'rules') });
  const bin = join(process.cwd(), 'bin/goldenhour.js');

  const clock = new ManualClock('2026-11-20T08:10:00Z');

  beforeAll(async () => {
    t = await startTestApp({ label: 'privacy_crash', clock, config: privacyConfig });
    await seedPeople(t, clock);
  }, 120_000);
  afterAll(async () => t.close());

  it('leaves a job that the next run completes, with one record of everything erased', async () => {
    const jobs = t.connection.db!.collection<{ done: string[] }>('privacy_jobs');
    const child = spawn(process.execPath, [bin, ...args, '--pause-ms', '8000'], { cwd, env: env(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((r) => child.once('exit', r));
    let running = true;
    void exited.then(() => (running = false));
    // Boot takes a while on a busy machine: wait for the first step to be recorded (the command pauses after it).
    const deadline = Date.now() + 360_000;
    while (running && !((await jobs.findOne({}))?.done.length ?? 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await exited;
    const job = await jobs.findOne({});
    expect({ done: job?.done, stderr }).toEqual({ done: ['alerts'], stderr: '' });
    expect(await everything(t.connection)).toContain('wangmarker1');

    const again = spawnSync(process.execPath, [bin, ...args], { cwd, env: env(), encoding: 'utf8' });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const record = JSON.parse(again.stdout) as { erased: Record<string, number>; by: string };
    expect(record.by).toBe('dpo@acme');
    expect(record.erased).toEqual({ mention: 3, revision: 1, journal: 4, negativeHighlight: 3, authorIndex: 4, mentionKey: 3, signalEvidence: 2, alertEvidence: 3, incidentEvidence: 2, notification: 3, caseCopy: 7, storyCopy: 3 });
    const all = await everything(t.connection);
    for (const marker of ['wangmarker1', 'wangmarker2', 'wangmarker3']) expect(all).not.toContain(marker);
    expect(await jobs.countDocuments({})).toBe(0);
    expect(await t.connection.db!.collection('privacy_erasures').countDocuments({})).toBe(1);
  }, 540_000);
});
