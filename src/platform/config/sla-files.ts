import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSlaFile, type SlaFileError } from '../../core/sla/policy-file.js';
import type { SlaPolicy } from '../../core/sla/policy.js';

/** SLA files in a rules folder: `sla.yaml` first, then the user's `sla.<name>.yaml` in name order. */
export function slaFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((n) => /^sla.*\.ya?ml$/.test(n));
  return names.sort((a, b) => (a.startsWith('sla.y') ? -1 : b.startsWith('sla.y') ? 1 : a.localeCompare(b))).map((n) => join(dir, n));
}

/** Validates one SLA file for `goldenhour check`: the policies, or errors naming file, line, key and fix. */
export function validateSlaFile(path: string): { ok: true; policies: SlaPolicy[] } | { ok: false; errors: SlaFileError[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, errors: [{ file: path, line: 1, column: 1, path: '', message: `cannot read: ${(err as Error).message}` }] };
  }
  return parseSlaFile(text, path);
}

/** A fingerprint of the files' modification times, so a changed policy is picked up without a restart. */
export function fingerprint(files: string[]): string {
  return files.map((f) => `${f}@${statSync(f).mtimeMs}`).join(';');
}

/** The rules/ folder shipped with goldenhour, used when the configured folder has no SLA file. */
export function defaultRulesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir, 'rules');
}
