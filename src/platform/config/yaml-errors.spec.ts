import { describe, expect, it } from '@jest/globals';
import { parseYaml } from './yaml-errors.js';

describe('parseYaml (inputs found by fuzzing the rule and config parsers)', () => {
  it('gives a YAML syntax error its line', () => {
    expect(parseYaml('a: 1\nkey: "unterminated', 'goldenhour.yaml').issues).toEqual([{ file: 'goldenhour.yaml', line: 2, key: '', message: expect.stringMatching(/^YAML syntax: /) }]);
    expect(parseYaml('{', 'alerts.yaml').issues[0]).toMatchObject({ file: 'alerts.yaml', line: 1 });
  });

  it('reports an alias without an anchor instead of throwing', () => {
    expect(parseYaml('x: 1\ny: *a', 'goldenhour.yaml').issues).toEqual([{ file: 'goldenhour.yaml', line: 2, key: '', message: expect.stringMatching(/^YAML: /) }]);
  });
});
