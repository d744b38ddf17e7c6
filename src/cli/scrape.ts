import type { Command } from 'commander';
import type { Recipe } from '../core/sources/recipe.js';
import { planTargets, type BrandRef } from '../core/sources/targets.js';
import { SystemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config/load-config.js';
import { formatRecipeError, validateRecipeFile } from '../sources/recipe-loader.js';
import { createScrapeRuntime } from '../sources/scrape-runtime.js';
import type { RunReport } from '../sources/source-runner.js';
import { SourcesService } from '../sources/sources.service.js';
import { withServices } from './context.js';

interface ScrapeOptions {
  recipe: string;
  once?: boolean;
  dryRun?: boolean;
  keyword?: string;
  brand?: string;
}

/**
 * `goldenhour scrape --recipe FILE --once [--dry-run]`: runs one recipe now and prints the mentions as
 * JSONL on stdout (progress and problems on stderr), so a recipe can be developed against a live page.
 * Without --dry-run the mentions go through ingest and the run is recorded like a scheduled one.
 */
export function register(program: Command): void {
  program
    .command('scrape')
    .description('run one source recipe once and print the extracted mentions as JSONL')
    .requiredOption('--recipe <file>', 'the recipe YAML file')
    .option('--once', 'run once now (the daemon runs recipes on their schedule)')
    .option('--dry-run', 'print only: no database, nothing stored')
    .option('--keyword <keyword>', 'search this keyword instead of the brands\' keywords')
    .option('--brand <brand>', 'attribute mentions to this brand (dry run: any name)')
    .action(async (o: ScrapeOptions) => {
      if (!o.once) throw new Error('scrape needs --once: the daemon runs recipes on their schedule; this command runs one now');
      const { recipe: loaded, errors } = await validateRecipeFile(o.recipe);
      if (!loaded) {
        for (const e of errors) process.stderr.write(`${formatRecipeError(e)}\n`);
        process.exitCode = 1;
        return;
      }
      const recipe = withOverrides(loaded, o);
      const report = o.dryRun ? await dryRun(recipe, o) : await ingestRun(recipe);
      for (const m of report.mentions) process.stdout.write(`${JSON.stringify(m)}\n`);
      for (const b of report.broken) process.stderr.write(`skipped item: ${b}\n`);
      for (const d of report.dropped ?? []) process.stderr.write(`dropped: ${d}\n`);
      for (const t of report.targets) process.stderr.write(`${t.target}: ${t.pages} page(s), ${t.items} item(s), stopped by ${t.stoppedBy}${t.error ? `: ${t.error}` : ''}\n`);
      process.stderr.write(`${recipe.name}: ${report.mentions.length} mention(s) from ${report.pages} page(s) in ${report.durationMs} ms\n`);
      if (report.failure) {
        process.stderr.write(`degraded: ${report.failure.reason}\n`);
        process.exitCode = 1;
      }
    });
}

function withOverrides(recipe: Recipe, o: ScrapeOptions): Recipe {
  if (!o.keyword) return recipe;
  return { ...recipe, keywords: [o.keyword], brands: o.brand ? [o.brand] : recipe.brands.slice(0, 1) };
}

async function dryRun(recipe: Recipe, o: ScrapeOptions): Promise<RunReport> {
  const configured: BrandRef[] = loadConfig().config.brands;
  const brandName = o.brand ?? recipe.brands[0] ?? 'dry-run';
  const brands = configured.length > 0 ? configured : [{ id: brandName, name: brandName, keywords: o.keyword ? [o.keyword] : [] }];
  const effective = configured.length > 0 ? recipe : { ...recipe, brands: [brandName] };
  const plan = planTargets(effective, brands);
  if (!plan.ok) throw new Error(`${recipe.name}: ${plan.error}`);
  const clock = new SystemClock();
  const runtime = createScrapeRuntime({
    now: () => clock.now(),
    env: process.env,
    log: { log: () => undefined, warn: (e) => process.stderr.write(`${JSON.stringify(e)}\n`) },
  });
  try {
    return await runtime.runner.run(effective, plan.targets);
  } finally {
    await runtime.close();
  }
}

async function ingestRun(recipe: Recipe): Promise<RunReport> {
  return withServices(async (app) => {
    const sources = app.get(SourcesService);
    sources.register(recipe);
    let report: RunReport | undefined;
    const run = await sources.run(recipe.name, { force: true, observe: (r) => (report = r) });
    process.stderr.write(`recorded run: new ${run.new}, updated ${run.updated}, unchanged ${run.unchanged}, rejected ${run.rejected}\n`);
    return report ?? { source: recipe.name, mentions: [], pages: 0, seen: 0, broken: [], targets: [], durationMs: 0, ...(run.problems[0] ? { failure: { reason: run.problems[0], blocked: false } } : {}) };
  });
}
