/** Reading the CRM field mappings (rules/crm*.yaml) with located errors. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmMappingsSchema, type CrmMappings } from '../core/cases/crm-payload.js';
import { formatIssue, lineOf, parseYaml, zodIssues } from '../platform/config/yaml-errors.js';

const CRM_FILE = /^crm.*\.ya?ml$/;

export function crmMappingFiles(dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) => (existsSync(dir) ? readdirSync(dir).filter((n) => CRM_FILE.test(n)).sort().map((n) => join(dir, n)) : []));
}

/** The mappings of every valid file (a later file's mapping replaces one of the same name) and each problem as `file:line: key: message`. */
export function loadCrmMappings(files: readonly string[]): { mappings: CrmMappings['mappings']; problems: string[] } {
  const mappings: CrmMappings['mappings'] = {};
  const problems: string[] = [];
  for (const file of files) {
    const parsed = parseYaml(readFileSync(file, 'utf8'), file);
    if (parsed.issues.length) {
      problems.push(...parsed.issues.map(formatIssue));
      continue;
    }
    const r = crmMappingsSchema.safeParse(parsed.value ?? {});
    if (r.success) Object.assign(mappings, r.data.mappings);
    else problems.push(...zodIssues(r.error, file, parsed.value, (path) => lineOf(parsed.doc, parsed.lines, path)).map(formatIssue));
  }
  return { mappings, problems };
}
