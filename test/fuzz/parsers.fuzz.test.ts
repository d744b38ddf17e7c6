import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseRulesFile } from '../../src/alerts/rules-loader.js';
import { parseSlaFile } from '../../src/core/sla/policy-file.js';
import { parseRecipe } from '../../src/core/sources/recipe-validation.js';
import { ConfigError, loadConfig } from '../../src/platform/config/load-config.js';
import { fuzz, hostileKey } from './fuzz.js';

/** A shipped file with one value somewhere replaced by something else: close enough to valid to reach the schema. */
function mutated(file: string): fc.Arbitrary<string> {
  const original = parse(readFileSync(file, 'utf8')) as unknown;
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((c, i) => walk(c, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
  };
  walk(original, []);
  const replacement = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string(), fc.constantFrom(null, -1, 0, 1e308, '', 'javascript:alert(1)', '{x}', '*/5 * * * *', 'P1', 'owner'));
  return fc.tuple(fc.constantFrom(...paths), replacement, fc.boolean(), hostileKey).map(([path, value, addKey, key]) => {
    const copy = structuredClone(original) as Record<string | number, unknown>;
    if (path.length === 0) return stringify(value);
    let node = copy as Record<string | number, unknown>;
    for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
    // A new key goes into objects only: on an array a key such as "length" is the test's own RangeError, not the parser's.
    if (addKey && node && typeof node === 'object' && !Array.isArray(node)) (node as Record<string, unknown>)[key] = value;
    else node[path[path.length - 1]!] = value;
    return stringify(copy);
  });
}

/** YAML text of any shape, broken YAML included. */
const anyYaml = (file: string) =>
  fc.oneof(
    { weight: 4, arbitrary: mutated(file) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom('a: 1', '- x', '  b: [', 'key: "unterminated', '\t- tab', '&a x', '*b', '? complex', '---', '{', '}', 'x: !!binary zz', 'y: *a'), { maxLength: 6 }).map((l) => l.join('\n')) },
  );

const lineOk = (line: unknown) => typeof line === 'number' && Number.isInteger(line) && line >= 1;

describe('fuzzing the recipe, rule, SLA and config parsers', () => {
  it('recipes: never throw; every error carries file:line', () => {
    fuzz(
      'recipe parser',
      fc.property(anyYaml('scrapers/reddit-search.yaml'), (text) => {
        const r = parseRecipe(text, 'fuzz.yaml');
        if (r.ok) return;
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) expect([e.file, lineOk(e.line), e.message.length > 0]).toEqual(['fuzz.yaml', true, true]);
      }),
    );
  });

  it('alert rules: never throw; every issue carries file:line', () => {
    fuzz(
      'rule parser',
      fc.property(anyYaml('rules/alerts.yaml'), (text) => {
        const r = parseRulesFile(text, 'alerts.fuzz.yaml');
        if (r.ok) return;
        expect(r.issues.length).toBeGreaterThan(0);
        for (const i of r.issues) expect([i.file, lineOk(i.line), i.message.length > 0]).toEqual(['alerts.fuzz.yaml', true, true]);
      }),
    );
  });

  it('SLA policies: never throw; every error carries file:line', () => {
    fuzz(
      'SLA parser',
      fc.property(anyYaml('rules/sla.yaml'), (text) => {
        const r = parseSlaFile(text, 'sla.fuzz.yaml');
        if (r.ok) return;
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) expect([e.file, lineOk(e.line), e.message.length > 0]).toEqual(['sla.fuzz.yaml', true, true]);
      }),
    );
  });

  const dir = mkdtempSync(join(tmpdir(), 'gh-fuzz-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('configuration: never throws anything but a ConfigError; every issue carries file:line', () => {
    const example = join(dir, 'example.yaml');
    writeFileSync(
      example,
      stringify({
        port: 3000,
        publicUrl: 'https://goldenhour.example.com',
        brands: [{ id: 'acme-foods', name: 'Acme Foods', names: { en: 'Acme Foods', zh: '阿克米食品' }, aliases: ['acme'], keywords: ['acme'], competitors: [], timezone: 'Asia/Shanghai' }],
        teams: [{ id: 'pr', name: 'PR on call', members: [{ name: 'Wang Fang', email: 'wang.fang@example.com', role: 'lead' }], channels: [{ type: 'email', to: 'pr-oncall@example.com' }] }],
        smtp: { host: 'smtp.example.com', port: 587, from: 'goldenhour <alerts@example.com>' },
      }),
    );
    const file = join(dir, 'goldenhour.yaml');
    fuzz(
      'config parser',
      fc.property(anyYaml(example), (text) => {
        writeFileSync(file, text);
        try {
          loadConfig({ GOLDENHOUR_CONFIG: file }, dir);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
          for (const i of (e as ConfigError).issues) expect([i.file, lineOk(i.line), i.message.length > 0]).toEqual([file, true, true]);
        }
      }),
    );
  });
});
