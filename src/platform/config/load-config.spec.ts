import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config.js';

function dirWith(yaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gh-config-'));
  if (yaml !== undefined) writeFileSync(join(dir, 'goldenhour.yaml'), yaml);
  return dir;
}

function problems(env: NodeJS.ProcessEnv, dir: string): string {
  try {
    loadConfig(env, dir);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe(loadConfig.name, () => {
  it('runs in demo mode with defaults when there is no config file and no MONGODB_URI', () => {
    const r = loadConfig({}, dirWith());
    expect(r).toMatchObject({ file: null, demo: true, config: { port: 3000, host: '127.0.0.1', dbName: 'goldenhour', dataDir: 'data' } });
  });

  it('reads goldenhour.yaml, lets the environment override it and leaves demo mode off', () => {
    const dir = dirWith('port: 4000\nbrands:\n  - id: acme\n    name: Acme\n    names: { zh: 阿克米 }\n');
    const r = loadConfig({ PORT: '4100' }, dir);
    expect(r.demo).toBe(false);
    expect(r.config.port).toBe(4100);
    expect(r.config.brands[0]).toMatchObject({ id: 'acme', names: { zh: '阿克米' }, aliases: [], timezone: 'UTC' });
  });

  it('names the file, line, key, bad value and what is allowed', () => {
    const dir = dirWith('port: 3000\nlogLevel: loud\nbrands:\n  - id: Acme Foods\n    name: Acme\n');
    const msg = problems({}, dir);
    expect(msg).toMatch(/goldenhour\.yaml:2: logLevel: must be one of "error", "warn", "log", "debug", "verbose" \(got "loud"\)/);
    expect(msg).toMatch(/goldenhour\.yaml:4: brands\.0\.id: lower-case letters, digits and "-".*\(got "Acme Foods"\)/);
  });

  it('validates masking and retention with the rest: a bad order pattern or retention is named with its line', () => {
    const dir = dirWith('privacy:\n  retention:\n    mentionDays: 0\nbrands:\n  - id: acme\n    name: Acme\n    masking:\n      orderPatterns: ["JD(\\\\d+"]\n');
    const msg = problems({}, dir);
    expect(msg).toMatch(/goldenhour\.yaml:3: privacy\.retention\.mentionDays: /);
    expect(msg).toMatch(/goldenhour\.yaml:8: brands\.0\.masking\.orderPatterns\.0: not a valid regular expression/);
    const ok = loadConfig({}, dirWith('brands:\n  - id: acme\n    name: Acme\n    masking: { phones: false }\n'));
    expect(ok.config.privacy).toMatchObject({ masking: { phones: true, emails: true, orderPatterns: [] }, retention: { mentionDays: 90, engagementDays: 30, outboxSentDays: 14 } });
    expect(ok.config.brands[0]!.masking).toEqual({ phones: false });
  });

  it('reads official accounts per platform and names a bad one with its line', () => {
    const ok = loadConfig({}, dirWith('brands:\n  - id: acme\n    name: Acme\n    officialAccounts:\n      weibo: ["@阿克米官方"]\n'));
    expect(ok.config.brands[0]!.officialAccounts).toEqual({ weibo: ['@阿克米官方'] });
    const msg = problems({}, dirWith('brands:\n  - id: acme\n    name: Acme\n    officialAccounts:\n      weibo: []\n      douyin: ["  "]\n'));
    expect(msg).toMatch(/goldenhour\.yaml:5: brands\.0\.officialAccounts\.weibo: list at least one account/);
    expect(msg).toMatch(/goldenhour\.yaml:6: brands\.0\.officialAccounts\.douyin\.0: an account handle or name/);
  });

  it('reports unknown keys as likely typos', () => {
    expect(problems({}, dirWith('prot: 3000\n'))).toMatch(/goldenhour\.yaml:1: \(top level\): unknown key\(s\) "prot": remove or correct the spelling/);
  });

  it('names the environment variable when the bad value came from it', () => {
    expect(problems({ PORT: 'eighty' }, dirWith())).toMatch(/environment: PORT \(port\): .*\(got null\)|environment: PORT \(port\): /);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems({}, dirWith('port: 3000\nbrands: [\n'))).toMatch(/goldenhour\.yaml(:\d+)?: \(top level\): YAML syntax: /);
  });
});
