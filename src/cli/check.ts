import type { Command } from 'commander';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRulesDir } from '../alerts/rules-loader.js';
import { caseRuleFiles, loadCaseRules } from '../cases/case-rules-file.js';
import { crmMappingFiles, loadCrmMappings } from '../cases/crm-mappings-file.js';
import { parseCrisisTerms } from '../core/sentiment/index.js';
import { parseAspects } from '../core/sentiment/aspects.js';
import { slaFilesIn, validateSlaFile } from '../platform/config/sla-files.js';
import { formatRecipeError, loadRecipes } from '../sources/recipe-loader.js';
import { AppConfig } from '../platform/config/app-config.js';
import { ConfigError, loadConfig } from '../platform/config/load-config.js';

/** A validator over the configuration's files: returns problems as "file:line: key: message" lines. */
type Check = { what: string; run(cfg: { rulesDir: string; scrapersDir: string }): Promise<string[]> | string[] };

const checks: Check[] = [
  {
    what: 'crisis terms',
    run: ({ rulesDir }) =>
      existsSync(rulesDir)
        ? readdirSync(rulesDir)
            .filter((n) => /^crisis-terms.*\.ya?ml$/.test(n))
            .flatMap((n) => {
              const r = parseCrisisTerms(readFileSync(join(rulesDir, n), 'utf8'), join(rulesDir, n));
              return r.ok ? [] : r.errors;
            })
        : [],
  },
  {
    what: 'aspects',
    run: ({ rulesDir }) =>
      existsSync(rulesDir)
        ? readdirSync(rulesDir)
            .filter((n) => /^aspects.*\.ya?ml$/.test(n))
            .flatMap((n) => {
              const r = parseAspects(readFileSync(join(rulesDir, n), 'utf8'), join(rulesDir, n));
              return r.ok ? [] : r.errors;
            })
        : [],
  },
  {
    what: 'alert rules',
    run: ({ rulesDir }) => {
      const r = validateRulesDir(rulesDir);
      return r.files.filter((f) => !f.ok).length ? r.messages.filter((m) => !/ rule\(s\) ok$/.test(m)) : [];
    },
  },
  {
    what: 'SLA policies',
    run: ({ rulesDir }) =>
      slaFilesIn(rulesDir).flatMap((f) => {
        const r = validateSlaFile(f);
        return r.ok ? [] : r.errors.map((e) => `${e.file}:${e.line}: ${e.path || '(top level)'}: ${e.message}`);
      }),
  },
  { what: 'case rules', run: ({ rulesDir }) => loadCaseRules(caseRuleFiles([rulesDir])).problems },
  { what: 'CRM field mappings', run: ({ rulesDir }) => loadCrmMappings(crmMappingFiles([rulesDir])).problems },
  {
    what: 'source recipes',
    run: async ({ scrapersDir }) => (await loadRecipes(scrapersDir)).errors.map(formatRecipeError),
  },
];

/** `goldenhour check`: validates configuration, recipes and rules without starting anything. */
export function register(program: Command): void {
  program
    .command('check')
    .description('validate goldenhour.yaml, the environment, source recipes and rules without starting')
    .action(async () => {
      let problems: string[] = [];
      let dirs = { rulesDir: 'rules', scrapersDir: 'scrapers' };
      try {
        const { config: values, file, demo } = loadConfig();
        const config = new AppConfig(values, demo, file);
        dirs = { rulesDir: config.rulesDir, scrapersDir: config.scrapersDir };
        process.stderr.write(`config: ${file ?? '(no goldenhour.yaml: defaults and environment)'} ok\n`);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        problems = err.issues.map((i) => `${i.file}${i.line ? `:${i.line}` : ''}: ${i.key ? `${i.key}: ` : ''}${i.message}`);
      }
      for (const c of checks) {
        const found = await c.run(dirs);
        process.stderr.write(`${c.what}: ${found.length ? `${found.length} problem(s)` : 'ok'}\n`);
        problems.push(...found);
      }
      for (const p of problems) process.stdout.write(`${p}\n`);
      process.exitCode = problems.length ? 1 : 0;
    });
}
