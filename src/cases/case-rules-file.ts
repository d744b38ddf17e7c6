/** Reading the case rules (rules/cases*.yaml) with located errors: a broken file is reported and left out. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseRulesSchema, type CaseRules } from '../core/cases/case-rules.js';
import { formatIssue, lineOf, parseYaml, zodIssues, type ConfigIssue } from '../platform/config/yaml-errors.js';

const CASE_FILE = /^cases.*\.ya?ml$/;

/** `cases.yaml` first, then the user's `cases.<name>.yaml` in name order. */
export function caseRuleFiles(dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) => {
    if (!existsSync(dir)) return [];
    const names = readdirSync(dir).filter((n) => CASE_FILE.test(n));
    return names.sort((a, b) => (a.startsWith('cases.y') ? -1 : b.startsWith('cases.y') ? 1 : a.localeCompare(b))).map((n) => join(dir, n));
  });
}

/** Parses and validates one case rules file; every issue names file, line, key and the fix. */
export function parseCaseRules(text: string, file: string): { ok: true; rules: CaseRules } | { ok: false; issues: ConfigIssue[] } {
  const parsed = parseYaml(text, file);
  if (parsed.issues.length) return { ok: false, issues: parsed.issues };
  const result = caseRulesSchema.safeParse(parsed.value ?? {});
  if (result.success) return { ok: true, rules: result.data };
  const locate = (path: readonly PropertyKey[]) => lineOf(parsed.doc, parsed.lines, path);
  const issues = zodIssues(result.error, file, parsed.value, locate).map((issue, i) => {
    const z = result.error.issues[i];
    // An unknown key (a typo) is reported on its own line.
    if (z.code !== 'unrecognized_keys') return issue;
    const path = [...z.path, z.keys[0]];
    return { ...issue, key: path.map(String).join('.'), line: locate(path) ?? issue.line };
  });
  return { ok: false, issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

/** The rules of the last valid file, and every file's problems (formatted `file:line: key: message`). */
export function loadCaseRules(files: readonly string[]): { rules: CaseRules | null; problems: string[] } {
  let rules: CaseRules | null = null;
  const problems: string[] = [];
  for (const file of files) {
    const r = parseCaseRules(readFileSync(file, 'utf8'), file);
    if (r.ok) rules = r.rules;
    else problems.push(...r.issues.map(formatIssue));
  }
  return { rules, problems };
}
