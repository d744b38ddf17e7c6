import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slangLabels } from '../support/sentiment-examples.js';

// Spawns the built CLI in an empty folder (no goldenhour.yaml): the offline twin a company uses to measure
// on its own labels before it trusts the learned layer.
describe('goldenhour learn --out and goldenhour sentiment --model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gh-learn-'));
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [join(process.cwd(), 'bin/goldenhour.js'), ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, GOLDENHOUR_RULES_DIR: join(process.cwd(), 'rules') } });
  const labelled = join(dir, 'labelled.jsonl');
  const lines = slangLabels('zh').map(({ text, label }, i) => JSON.stringify({ text, label: i % 3 === 0 ? (label === 'positive' ? 1 : 0) : label }));
  lines.splice(3, 0, '{"text": "好", broken', JSON.stringify({ text: '还行', label: 'meh' }), JSON.stringify({ label: 1 }));
  writeFileSync(labelled, lines.join('\n') + '\n');
  const model = join(dir, 'model.json');

  it('learns a model file from the good lines and reports each bad line with its number', () => {
    const r = run(['learn', labelled, '--out', model]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ out: model, labels: 200, learned: 200, skipped: 3, active: true });
    expect(r.stderr).toContain(`${labelled}:4: not valid JSON`);
    expect(r.stderr).toContain(`${labelled}:5: "label": "meh" is not a label (use 1 or 0, or "positive", "neutral", "negative") (line skipped)`);
    expect(r.stderr).toContain(`${labelled}:6: "text": missing "text"`);
    expect(JSON.parse(readFileSync(model, 'utf8'))).toMatchObject({ kind: 'goldenhour-sentiment-model', labels: 200 });
  });

  it('scores with the model what the rules alone do not know, and says what each said', () => {
    const input = JSON.stringify({ id: 1, text: '隔壁那家奶茶店又塌房了' }) + '\n';
    const rules = JSON.parse(run(['sentiment'], input).stdout);
    const learned = JSON.parse(run(['sentiment', '--model', model, '--explain'], input).stdout);
    expect(rules.label).toBe('neutral');
    expect(learned).toMatchObject({ id: 1, label: 'negative', learned: { ruleScore: rules.score, ruleLabel: 'neutral', labels: 200 } });
    expect(learned.explain.at(-1).rule).toMatch(/^learned from 200 labels: negative/);
  });

  it('refuses a model file that is not one, with exit status 2', () => {
    writeFileSync(join(dir, 'not-a-model.json'), '{"hello": 1}');
    const r = run(['sentiment', '--model', join(dir, 'not-a-model.json')], '{"text":"ok"}\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a goldenhour sentiment model');
  });
});
