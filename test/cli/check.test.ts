import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cwd: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(process.cwd(), 'bin/goldenhour.js'), 'check'], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });

describe('goldenhour check', () => {
  it('passes on the shipped rules, recipes and an empty configuration', () => {
    const r = run(mkdtempSync(join(tmpdir(), 'gh-check-')));
    expect(r.stderr).toMatch(/config: .* ok/);
    expect(r.stderr).toMatch(/alert rules: ok/);
    expect(r.stderr).toMatch(/source recipes: ok/);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('names file, line and key for a bad config value and fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-check-'));
    writeFileSync(join(dir, 'goldenhour.yaml'), 'port: 3000\nlogLevel: chatty\n');
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/goldenhour\.yaml:2: logLevel: must be one of "error", "warn", "log", "debug", "verbose" \(got "chatty"\)/);
  });

  it('refuses a time zone Intl does not know, with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-check-'));
    writeFileSync(join(dir, 'goldenhour.yaml'), 'brands:\n  - id: acme\n    name: Acme\n    timezone: Mars/Base\n');
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/goldenhour\.yaml:4: brands\.0\.timezone: not an IANA time zone \(e\.g\. Asia\/Shanghai, Europe\/Berlin, UTC\) \(got "Mars\/Base"\)/);
  });

  it('names the line of a YAML syntax error in the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-check-'));
    writeFileSync(join(dir, 'goldenhour.yaml'), 'port: 3000\nbrands:\n  - id: acme\n    name: "Acme\n  - id: globex\n');
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/goldenhour\.yaml:\d+: YAML syntax: /);
  });

  it('names file and line for a broken recipe and a broken rule in the configured folders, and fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-check-'));
    writeFileSync(join(dir, 'goldenhour.yaml'), 'scrapersDir: recipes\nrulesDir: myrules\n');
    mkdirSync(join(dir, 'recipes'));
    writeFileSync(join(dir, 'recipes', 'broken.yaml'), 'name: broken\nplatform: weibo\nbrands: [acme]\nschedule: "every minute"\n');
    cpSync(join(process.cwd(), 'rules'), join(dir, 'myrules'), { recursive: true });
    writeFileSync(join(dir, 'myrules', 'alerts-zz-broken.yaml'), 'rules:\n  - id: bad\n    severity: P9\n');
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/broken\.yaml:\d+/);
    expect(r.stdout).toMatch(/alerts-zz-broken\.yaml:\d+/);
  });
});
