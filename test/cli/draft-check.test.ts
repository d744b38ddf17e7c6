import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Spawns the built CLI in an empty folder.
describe('goldenhour draft-check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gh-draft-check-'));
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [join(process.cwd(), 'bin/goldenhour.js'), 'draft-check', ...args], { cwd: dir, input, encoding: 'utf8' });
  const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('checks each template of a file in order: good ones pass, bad ones get findings and a suggested reply', () => {
    const file = join(dir, 'templates.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'good-en', text: "We're so sorry to everyone who became ill. We have pulled the chicken rice from all stores and will cover all medical costs. We will post the lab results by 6 pm today." }),
        JSON.stringify({ id: 'bad-en', text: 'Our food is perfectly safe. These claims are false and probably from competitors. We will take legal action against anyone spreading rumours.' }),
        JSON.stringify({ id: 'good-zh', text: '我们向所有身体不适的顾客诚挚道歉。我们已在所有门店下架鸡肉饭，并将承担全部医疗费用。今晚8点前公布检测结果。', lang: 'zh' }),
        JSON.stringify({ id: 3, text: '这些都是谣言，是竞争对手恶意抹黑。' }),
      ].join('\n') + '\n',
    );
    const r = run([file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    expect(out.map((o) => [o.id, o.ok])).toEqual([['good-en', true], ['bad-en', false], ['good-zh', true], [3, false]]);
    const bad = out[1] as { findings: { rule: string; sentence?: string }[]; suggestedReply: string };
    expect(new Set(bad.findings.map((f) => f.rule))).toEqual(new Set(['empathy-first', 'denial', 'blame', 'legal-threat', 'action', 'next-step-time']));
    expect(bad.suggestedReply).not.toMatch(/legal|competitors/);
    expect((out[3] as { findings: { rule: string }[] }).findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['denial', 'blame']));
  });

  it('reports bad lines with their line number, still checks the rest, and exits 1', () => {
    const r = run(['-'], ['{"id":"a","text":"We are sorry. We have refunded you today."}', 'not json', '{"id":"c"}', '{"id":"d","text":"Sorry.","lang":"fr"}', ''].join('\n'));
    expect(r.status).toBe(1);
    const out = lines(r.stdout);
    expect(out[0]).toMatchObject({ id: 'a', ok: true });
    expect(out[1]).toMatchObject({ id: null, error: expect.stringMatching(/^line 2: not valid JSON/) });
    expect(out[2]).toMatchObject({ id: 'c', error: expect.stringMatching(/^line 3: "text": missing "text"/) });
    expect(out[3]).toMatchObject({ id: 'd', error: expect.stringMatching(/^line 4: "lang": "lang" must be "en" or "zh"/) });
  });

  it('says so when the file does not exist, and exits 2', () => {
    const r = run(['missing.jsonl']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('goldenhour draft-check: missing.jsonl: no such file (give a JSONL file, or pipe lines to stdin)\n');
  });
});
