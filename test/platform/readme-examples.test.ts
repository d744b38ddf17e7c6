import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startTestApp, type TestApp } from '../support/app.js';

/** The README's fenced code blocks of one language, as written. */
function examples(lang: string): string[] {
  const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
  return [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}
const example = (lang: string, startsWith: string) => {
  const found = examples(lang).filter((b) => b.trimStart().startsWith(startsWith));
  if (found.length !== 1) throw new Error(`expected one \`\`\`${lang} example starting with "${startsWith}" in README.md, found ${found.length}`);
  return found[0]!;
};

const readmeConfig = example('yaml', '# goldenhour.yaml');

describe('README examples work as written', () => {
  let t: TestApp | undefined;
  afterAll(async () => t?.close());

  it('`goldenhour check` accepts the configuration example and the complete recipe example', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-readme-'));
    writeFileSync(join(dir, 'goldenhour.yaml'), readmeConfig);
    mkdirSync(join(dir, 'scrapers'));
    writeFileSync(join(dir, 'scrapers', 'my-shop.yaml'), example('yaml', 'name: acme-shop-reviews'));
    const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/goldenhour.js'), 'check'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GOLDENHOUR_SCRAPERS_DIR: 'scrapers' } });
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/config: .* ok/);
    expect(r.stderr).toMatch(/source recipes: ok/);
    expect(r.status).toBe(0);
  });

  it('the push example stores its mention on a daemon configured with the README\'s brands', async () => {
    t = await startTestApp({ label: 'readme_examples', config: { brands: parse(readmeConfig).brands } });
    const curl = example('bash', 'curl').replace('http://127.0.0.1:3000', t.url);
    // Asynchronously: the app answering curl runs in this process.
    const { stdout } = await promisify(execFile)('bash', ['-c', curl], { encoding: 'utf8', env: { ...process.env, TOKEN: t.tokens.responder } });
    expect(JSON.parse(stdout)).toMatchObject({ imported: 1, rejected: [] });
    const stored = (await (await t.request('/api/v1/mentions?brand=acme-foods', { as: 'viewer' })).json()) as { externalId: string }[];
    expect(stored.map((m) => m.externalId)).toEqual(['4987654321']);
  }, 120_000);
});
