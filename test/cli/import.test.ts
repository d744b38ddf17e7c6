import { storedMentions } from '../support/stored.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase } from '../support/database.js';

describe('goldenhour import', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  const dir = mkdtempSync(join(tmpdir(), 'gh-import-'));
  beforeAll(async () => {
    db = await testDatabase('import');
    writeFileSync(join(dir, 'goldenhour.yaml'), 'brands:\n  - id: acme\n    name: Acme Foods\n    aliases: [阿克米]\n');
  });
  afterAll(async () => db.close());

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(process.cwd(), 'bin/goldenhour.js'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, MONGODB_URI: db.uri, GOLDENHOUR_DB_NAME: db.dbName, GOLDENHOUR_RULES_DIR: join(process.cwd(), 'rules') },
    });

  it('imports a JSONL export, reports malformed lines by number and skips them', async () => {
    const file = join(dir, 'export.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ brand: 'acme', platform: 'weibo', externalId: '1', text: '阿克米的外卖太好吃了', publishedAt: '2026-11-20T08:00:00Z', engagement: { likes: 3 } }),
        '{"brand": "acme", broken',
        JSON.stringify({ brand: '阿克米', platform: 'weibo', externalId: '2', text: '吃出了头发，恶心', publishedAt: '2026-11-20T08:01:00Z' }),
        JSON.stringify({ brand: 'acme', platform: 'weibo', externalId: '3', publishedAt: '2026-11-20T08:01:00Z' }),
        '',
      ].join('\n'),
    );
    const r = run('import', file);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ imported: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(r.stderr).toMatch(/export\.jsonl:2: not valid JSON/);
    expect(r.stderr).toMatch(/export\.jsonl:4: text: /);
    expect(await storedMentions(db.connection)).toHaveLength(2);
    const again = run('import', file);
    expect(JSON.parse(again.stdout)).toEqual({ imported: 0, updated: 0, unchanged: 2, rejected: 2 });
  });

  it('imports a CSV export with column mapping flags', async () => {
    const file = join(dir, 'reviews.csv');
    writeFileSync(file, 'id,content,created_at,stars,like_count\nr1,"Arrived cold, and late. Refund please",2026-11-20T09:00:00Z,1,4\nr2,only two columns\nr3,Great taste,2026-11-20T09:10:00Z,5,0\n');
    const r = run('import', file, '--brand', 'acme', '--platform', 'jd', '--map', 'externalId=id,text=content,publishedAt=created_at,rating=stars,likes=like_count');
    expect(JSON.parse(r.stdout)).toEqual({ imported: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(r.stderr).toMatch(/reviews\.csv:3: expected 5 columns/);
    const [stored] = await storedMentions(db.connection, { _id: 'jd:r1' });
    expect(stored).toMatchObject({ rating: 1, engagement: { likes: 4 }, sentiment: { label: 'negative' }, source: 'import:reviews.csv' });
  });

  it('refuses rows the API refuses, with the same field and reason ($-keys, non-http links), and stores none of them', async () => {
    const file = join(dir, 'hostile.jsonl');
    const row = (id: string, extra: Record<string, unknown>) => JSON.stringify({ brand: 'acme', platform: 'forum', externalId: id, text: 'Acme soup was fine', publishedAt: '2026-11-20T08:00:00Z', ...extra });
    writeFileSync(file, [row('h1', { $where: 'sleep(1000)' }), row('h2', { author: { name: 'x', $inc: { n: 1 } } }), row('h3', { url: 'javascript:alert(1)' }), row('h4', { publishedAt: null }), row('h5', {})].join('\n'));
    const r = run('import', file);
    expect(JSON.parse(r.stdout)).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: 4 });
    expect(r.stderr).toMatch(/hostile\.jsonl:1: \$where: keys starting with "\$" are not allowed/);
    expect(r.stderr).toMatch(/hostile\.jsonl:2: author\.\$inc: keys starting with "\$" are not allowed/);
    expect(r.stderr).toMatch(/hostile\.jsonl:3: url: only http and https links are allowed/);
    expect(r.stderr).toMatch(/hostile\.jsonl:4: publishedAt: /);
    expect(await storedMentions(db.connection, { platform: 'forum' })).toHaveLength(1);
  });

  it('explains a bad --map', () => {
    const r = run('import', join(dir, 'reviews.csv'), '--map', 'text');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--map: "text" is not field=column/);
  });

  it('says a missing file is missing, before starting anything, and exits 2 (no raw ENOENT)', () => {
    const r = run('import', join(dir, 'missing.jsonl'));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`goldenhour import: ${join(dir, 'missing.jsonl')}: no such file (give the path of a .jsonl or .csv export)\n`);
  });
});
