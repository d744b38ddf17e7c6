import { describe, it, expect } from '@jest/globals';
import { parseSlaFile, formatSlaFileErrors } from './policy-file.js';

describe(parseSlaFile.name, () => {
  it('reads a valid policy with its steps', () => {
    const r = parseSlaFile(
      ['policies:', '  - id: fast', '    respondWithinMinutes: 15', '    solveWithinMinutes: 60', '    steps:', '      - { id: ping, afterMinutes: 5, notify: owner }'].join('\n'),
      'rules/sla.yaml',
    );
    expect(r).toMatchObject({ ok: true, policies: [{ id: 'fast', pausable: false, steps: [{ id: 'ping', afterMinutes: 5 }] }] });
  });

  it('names the file, line, key and allowed values of a bad step target', () => {
    const text = ['policies:', '  - id: fast', '    respondWithinMinutes: 15', '    solveWithinMinutes: 60', '    steps:', '      - id: ping', '        afterMinutes: 5', '        notify: boss'].join('\n');
    const r = parseSlaFile(text, 'rules/sla.yaml');
    expect(r.ok).toBe(false);
    const out = formatSlaFileErrors(r.ok ? [] : r.errors);
    expect(out).toMatch(/^rules\/sla\.yaml:8:\d+: policies\.0\.steps\.0\.notify: .*allowed values: owner, team, team-lead, executive/);
  });

  it('points at an unknown key on its own line', () => {
    const r = parseSlaFile(['policies:', '  - id: fast', '    respondWithinMinutes: 15', '    solveWithinMinutes: 60', '    respondWithin: 10'].join('\n'), 'my.yaml');
    expect(r.ok ? [] : r.errors).toEqual([expect.objectContaining({ line: 5, path: 'policies.0.respondWithin' })]);
  });

  it('reports YAML syntax errors with their line', () => {
    const r = parseSlaFile('policies:\n  - id: [unclosed\n', 'bad.yaml');
    expect(r.ok ? [] : r.errors[0]).toMatchObject({ file: 'bad.yaml', line: expect.any(Number) });
    expect(r.ok).toBe(false);
  });
});
