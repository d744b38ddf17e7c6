/** Reading alert rule files (alerts*.yaml) from the rules directories, with located errors. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAspects } from '../core/sentiment/aspects.js';
import { parseCrisisTerms } from '../core/sentiment/crisis-terms.js';
import { mergeRuleFiles, rulesFileSchema, type RulesFile, type RuleSet } from '../core/rules/rule.js';
import { slaFilesIn, validateSlaFile } from '../platform/config/sla-files.js';
import { formatIssue, lineOf, parseYaml, zodIssues, type ConfigIssue } from '../platform/config/yaml-errors.js';

const RULE_FILE = /^alerts.*\.ya?ml$/;
const SLA_FILE = /^sla.*\.ya?ml$/;
const CRISIS_FILE = /^crisis-terms.*\.ya?ml$/;
const ASPECTS_FILE = /^aspects.*\.ya?ml$/;

/** What one rule file contributed: its rules, or the reasons it was switched off. */
export interface RuleFileReport {
  file: string;
  ok: boolean;
  rules: number;
  issues: ConfigIssue[];
}

export interface LoadedRules {
  ruleSet: RuleSet;
  files: RuleFileReport[];
  /** Policy ids from sla*.yaml in the same directories (for checking rules' sla_policy). */
  slaPolicies: Map<string, { respondWithinMinutes: number; solveWithinMinutes: number }>;
  /** Crisis-term category of a term, from crisis-terms*.yaml (for rules matching `crisis_categories`). */
  categoryOf: (term: string) => string | undefined;
}

const listFiles = (dir: string, pattern: RegExp) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => pattern.test(f)).sort().map((f) => join(dir, f)) : [];

/** The alert rule files of the given directories, in order (a later file overrides an earlier rule id). */
export function ruleFiles(dirs: readonly string[]): string[] {
  return dirs.flatMap((d) => listFiles(d, RULE_FILE));
}

/** A cheap fingerprint (names, sizes, mtimes) of the files the rules depend on, to notice edits. */
export function rulesFingerprint(dirs: readonly string[]): string {
  return dirs
    .flatMap((d) => [...listFiles(d, RULE_FILE), ...listFiles(d, SLA_FILE), ...listFiles(d, CRISIS_FILE), ...listFiles(d, ASPECTS_FILE)])
    .map((f) => {
      const s = statSync(f, { throwIfNoEntry: false });
      return `${f}:${s?.size}:${s?.mtimeMs}`;
    })
    .join('|');
}

/** Parses and validates one rule file's text; every issue names file, line, key and what is allowed. */
export function parseRulesFile(text: string, file: string): { ok: true; value: RulesFile } | { ok: false; issues: ConfigIssue[] } {
  const parsed = parseYaml(text, file);
  if (parsed.issues.length > 0) return { ok: false, issues: parsed.issues };
  const result = rulesFileSchema.safeParse(parsed.value ?? {});
  const locate = (path: readonly PropertyKey[]) => lineOf(parsed.doc, parsed.lines, path);
  if (!result.success) {
    // An unknown key (a typo) is reported at the key's own line, without echoing its whole object.
    const issues = zodIssues(result.error, file, parsed.value, locate).map((issue, i) => {
      const z = result.error.issues[i];
      if (z.code !== 'unrecognized_keys') return issue;
      const path = [...z.path, z.keys[0]];
      return { ...issue, key: path.map(String).join('.'), line: locate(path) ?? issue.line, message: issue.message.replace(/ \(got .*$/s, '') };
    });
    return { ok: false, issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  }
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  result.data.rules.forEach((rule, i) => {
    if (seen.has(rule.id)) issues.push({ file, line: locate(['rules', i, 'id']), key: `rules.${i}.id`, message: `duplicate rule id "${rule.id}" in this file: give each rule its own id` });
    seen.add(rule.id);
  });
  return issues.length ? { ok: false, issues } : { ok: true, value: result.data };
}

function readSlaPolicies(dirs: readonly string[]): LoadedRules['slaPolicies'] {
  const policies: LoadedRules['slaPolicies'] = new Map();
  for (const file of dirs.flatMap(slaFilesIn)) {
    const r = validateSlaFile(file);
    if (r.ok) for (const p of r.policies) policies.set(p.id, { respondWithinMinutes: p.respondWithinMinutes, solveWithinMinutes: p.solveWithinMinutes });
  }
  return policies;
}

function readCrisisCategories(dirs: readonly string[]): LoadedRules['categoryOf'] {
  const categories = new Map<string, string>();
  for (const file of dirs.flatMap((d) => listFiles(d, CRISIS_FILE))) {
    const r = parseCrisisTerms(readFileSync(file, 'utf8'), file);
    if (r.ok) for (const t of r.terms) categories.set(t.term.toLowerCase(), t.category);
  }
  return (term) => categories.get(term.toLowerCase());
}

/** Reports a rule's sla_policy that no sla*.yaml defines (only when some policy file was readable). */
function unknownPolicies(file: string, text: string, value: RulesFile, policies: LoadedRules['slaPolicies']): ConfigIssue[] {
  if (policies.size === 0) return [];
  const { doc, lines } = parseYaml(text, file);
  return value.rules.flatMap((rule, i) =>
    policies.has(rule.sla_policy)
      ? []
      : [{ file, line: lineOf(doc, lines, ['rules', i, 'sla_policy']), key: `rules.${i}.sla_policy`, message: `unknown SLA policy "${rule.sla_policy}": use one of ${[...policies.keys()].map((p) => `"${p}"`).join(', ')} or add it to rules/sla.yaml` }],
  );
}

function readAspectIds(dirs: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const file of dirs.flatMap((d) => listFiles(d, ASPECTS_FILE))) {
    const r = parseAspects(readFileSync(file, 'utf8'), file);
    if (r.ok) for (const a of r.aspects) ids.add(a.id);
  }
  return ids;
}

/** Reports a rule's negative_aspects entry that no aspects*.yaml defines (only when some aspects file was readable). */
function unknownAspects(file: string, text: string, value: RulesFile, aspects: Set<string>): ConfigIssue[] {
  if (aspects.size === 0) return [];
  const { doc, lines } = parseYaml(text, file);
  return value.rules.flatMap((rule, i) =>
    (rule.match.negative_aspects ?? []).flatMap((a, j) =>
      aspects.has(a)
        ? []
        : [{ file, line: lineOf(doc, lines, ['rules', i, 'match', 'negative_aspects', j]), key: `rules.${i}.match.negative_aspects.${j}`, message: `unknown aspect "${a}": use one of ${[...aspects].map((x) => `"${x}"`).join(', ')} or add it to rules/aspects.yaml` }],
    ),
  );
}

/** Reads every rule file; a broken file is left out (with its issues reported) and the others still load. */
export function loadRules(dirs: readonly string[]): LoadedRules {
  const slaPolicies = readSlaPolicies(dirs);
  const aspects = readAspectIds(dirs);
  const files: RuleFileReport[] = [];
  const good: RulesFile[] = [];
  for (const file of ruleFiles(dirs)) {
    const text = readFileSync(file, 'utf8');
    const parsed = parseRulesFile(text, file);
    const issues = parsed.ok ? [...unknownPolicies(file, text, parsed.value, slaPolicies), ...unknownAspects(file, text, parsed.value, aspects)] : parsed.issues;
    if (parsed.ok && issues.length === 0) good.push(parsed.value);
    files.push({ file, ok: issues.length === 0, rules: parsed.ok ? parsed.value.rules.length : 0, issues });
  }
  return { ruleSet: mergeRuleFiles(good), files, slaPolicies, categoryOf: readCrisisCategories(dirs) };
}

/** For `goldenhour check`: validates the alert rule files of one directory; `messages` are ready to print. */
export function validateRulesDir(dir: string): { ok: boolean; files: RuleFileReport[]; messages: string[] } {
  const { files } = loadRules([dir]);
  const messages = files.flatMap((f) => (f.ok ? [`${f.file}: ${f.rules} rule(s) ok`] : f.issues.map(formatIssue)));
  return { ok: files.every((f) => f.ok), files, messages };
}
