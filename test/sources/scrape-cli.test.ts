import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { googleNewsSite } from '../../src/demo/sites/feed-sites.js';
import { startFixtureSite, type RunningFixtureSite } from '../../src/demo/sites/fixture-site.js';
import { tempFile } from './harness.js';

function goldenhour(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const { GOLDENHOUR_CONFIG: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [`${process.cwd()}/bin/goldenhour.js`, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('goldenhour scrape', () => {
  let site: RunningFixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite(
      googleNewsSite([
        { id: 'N1', text: 'Acme recalls kettles', author: 'Daily News', publishedAt: new Date('2026-11-22T08:00:00Z') },
        { id: 'N2', text: 'Acme opens factory', author: 'Wire', publishedAt: new Date('2026-11-23T06:30:00Z') },
      ]),
    );
  });
  afterAll(() => site.close());

  it('prints the mentions of a dry run as JSONL and the run summary on stderr', async () => {
    const preset = await readFile('scrapers/google-news.yaml', 'utf8');
    const recipe = await tempFile('news.yaml', preset.replace('https://news.google.com', site.origin).replace('minIntervalMs: 2000', 'minIntervalMs: 0'));
    const r = await goldenhour(['scrape', '--recipe', recipe, '--once', '--dry-run', '--keyword', 'Acme', '--brand', 'acme'], tmpdir());
    expect(r.code === 0 ? 'exit 0' : r.stderr).toBe('exit 0');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((m) => [m.brand, m.platform, m.externalId, m.text, m.publishedAt])).toEqual([
      ['acme', 'news', 'N1', 'Acme recalls kettles', '2026-11-22T08:00:00.000Z'],
      ['acme', 'news', 'N2', 'Acme opens factory', '2026-11-23T06:30:00.000Z'],
    ]);
    expect(r.stderr).toContain('google-news: 2 mention(s) from 1 page(s)');
    expect(site.requests).toContain('/rss/search?q=Acme&hl=en-US&gl=US&ceid=US:en');
  });

  it('rejects an invalid recipe with file:line errors and exit code 1', async () => {
    const recipe = await tempFile('bad.yaml', 'name: bad\nplatform: test\nschedule: "every hour"\nfetch:\n  mode: ftp\n  url: http://127.0.0.1/x\nextract:\n  items: a\n  fields: { id: id, text: text }\n');
    const r = await goldenhour(['scrape', '--recipe', recipe, '--once', '--dry-run'], tmpdir());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${recipe}:5:3 fetch.mode: Invalid option: expected one of "http"|"json"|"rss"|"browser"`);
    expect(r.stdout).toBe('');
  });
});
