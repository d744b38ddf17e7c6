import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseCaseRules } from './case-rules-file.js';
import { rulesFor } from '../core/cases/case-rules.js';

const shipped = readFileSync(new URL('../../rules/cases.yaml', import.meta.url), 'utf8');

describe(parseCaseRules.name, () => {
  it('reads the shipped rules with per-platform defaults', () => {
    const r = parseCaseRules(shipped, 'rules/cases.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(rulesFor(r.rules, 'jd')).toMatchObject({ team: 'care', triggers: { review: true, maxStars: 2 }, policy: { firstReplyWithinMinutes: 240, resolveWithinMinutes: 1440 } });
    expect(rulesFor(r.rules, 'weibo').triggers).toMatchObject({ review: false, minFollowers: 50_000 });
    expect(rulesFor(r.rules, 'jd').hours).toMatchObject({ timezone: 'Asia/Shanghai' });
  });

  const lines = shipped.split('\n');
  const lineOf = (s: string) => lines.findIndex((l) => l.includes(s)) + 1;
  const issuesOf = (text: string) => {
    const r = parseCaseRules(text, 'rules/cases.yaml');
    return r.ok ? [] : r.issues.map((i) => `${i.file}:${i.line} ${i.key}`);
  };

  it('names file, line and key of a typo and of a bad time zone', () => {
    const bad = shipped.replace('  maxStars: 2 ', '  maxStar: 2 ').replace('Asia/Shanghai', 'Asia/Shanghi');
    expect(issuesOf(bad)).toEqual(expect.arrayContaining([
      `rules/cases.yaml:${lineOf('maxStars: 2')} triggers.maxStar`,
      `rules/cases.yaml:${lineOf('Asia/Shanghai')} businessHours.0.timezone`,
    ]));
  });

  it('names the line of a policy no file defines', () => {
    expect(issuesOf(shipped.replace('policy: case-default ', 'policy: fast '))).toEqual([`rules/cases.yaml:${lineOf('policy: case-default ')} policy`]);
  });
});
