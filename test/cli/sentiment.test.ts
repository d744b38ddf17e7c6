import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Spawns the built CLI (`npx tsc -p tsconfig.build.json` first) in an empty folder: no goldenhour.yaml,
// so the shipped rules/crisis-terms.yaml applies unless GOLDENHOUR_RULES_DIR points elsewhere.
describe('goldenhour sentiment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gh-sentiment-'));
  const run = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) =>
    spawnSync(process.execPath, [join(process.cwd(), 'bin/goldenhour.js'), 'sentiment', ...args], {
      cwd: dir,
      input: opts.input,
      encoding: 'utf8',
      env: { ...process.env, GOLDENHOUR_RULES_DIR: join(process.cwd(), 'rules'), ...opts.env },
    });
  const outputLines = (stdout: string): Array<Record<string, unknown>> =>
    stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('scores each JSONL line from a file, in order, with id, score, label, language, crisis terms and keywords', () => {
    const file = join(dir, 'mentions.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'w1', text: '外卖里吃出头发了，太恶心了[怒]' }),
        JSON.stringify({ id: 'w2', text: '味道很好，送餐也很快，下次还点' }),
        JSON.stringify({ id: 7, text: 'Great burger, friendly staff!' }),
        JSON.stringify({ text: 'It arrived on Tuesday.', rating: 1 }),
      ].join('\n') + '\n',
    );
    const r = run([file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = outputLines(r.stdout);
    expect(out.map((o) => [o.id, o.label, o.lang])).toEqual([
      ['w1', 'negative', 'zh'],
      ['w2', 'positive', 'zh'],
      [7, 'positive', 'en'],
      [null, 'negative', 'en'],
    ]);
    expect(out[0]!.crisis).toEqual([{ term: '吃出头发', category: 'food-safety', severity: 0.9 }]);
    expect(out[0]!.keywords).toContain('外卖');
    expect(Object.keys(out[2]!)).toEqual(['id', 'score', 'label', 'lang', 'crisis', 'keywords']);
    expect(out[2]!.score).toBeGreaterThan(0.5);
  });

  it('reads stdin, answers a bad line with its line number and keeps going', () => {
    const input = ['{"id":"a","text":"not bad at all"}', '{"id":"b", broken', '', '{"id":"c"}', '{"id":"d","text":"never again"}'].join('\n');
    const r = run([], { input });
    expect(r.status).toBe(1);
    const out = outputLines(r.stdout);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ id: 'a', label: 'positive' });
    expect(out[1]).toEqual({ id: null, error: expect.stringMatching(/^line 2: not valid JSON/) });
    expect(out[2]).toEqual({ id: null, error: expect.stringMatching(/^line 4: "text": missing "text"/) });
    expect(out[3]).toMatchObject({ id: 'd', label: 'negative' });
  });

  it('adds the contributing tokens with --explain', () => {
    const r = run(['--explain'], { input: '{"id":1,"text":"服务不太好，但是菜很好吃"}\n' });
    const [line] = outputLines(r.stdout);
    expect(line!.label).toBe('positive');
    expect(line!.explain).toEqual([
      { token: '好', weight: expect.any(Number), rule: 'softened negation' },
      { token: '好吃', weight: expect.any(Number), rule: 'degree' },
    ]);
  });

  it('uses crisis terms a user adds to the rules folder', () => {
    const rules = join(dir, 'my-rules');
    mkdirSync(rules, { recursive: true });
    writeFileSync(join(rules, 'crisis-terms.yaml'), 'en:\n  product-defect:\n    severity: 0.6\n    terms: [battery swelling]\n');
    const r = run([], { input: '{"id":1,"text":"Battery swelling after two weeks"}\n', env: { GOLDENHOUR_RULES_DIR: rules } });
    expect(outputLines(r.stdout)[0]!.crisis).toEqual([{ term: 'battery swelling', category: 'product-defect', severity: 0.6 }]);
  });

  it('says which file it cannot read', () => {
    const r = run([join(dir, 'missing.jsonl')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing\.jsonl: no such file/);
  });
});
