import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MentionInput } from '../../src/core/mention/mention-input.js';
import type { Recipe } from '../../src/core/sources/recipe.js';
import { planTargets, type BrandRef } from '../../src/core/sources/targets.js';
import type { RunLog } from '../../src/sources/fetch/page-fetcher.js';
import { validateRecipeFile } from '../../src/sources/recipe-loader.js';
import { createScrapeRuntime, type ScrapeRuntime } from '../../src/sources/scrape-runtime.js';
import type { RunReport } from '../../src/sources/source-runner.js';

export const NOW = new Date('2026-11-23T12:30:00Z');
export const ACME: BrandRef = { id: 'acme', name: 'Acme', keywords: ['Acme'] };

/** A preset from scrapers/, pointed at a fixture site: same path and query, fixture origin, no pauses between requests. */
export async function presetAt(name: string, origin: string, changes: Partial<Recipe> = {}): Promise<Recipe> {
  const { recipe, errors } = await validateRecipeFile(join('scrapers', `${name}.yaml`));
  if (!recipe) throw new Error(`preset ${name} is invalid: ${JSON.stringify(errors)}`);
  return {
    ...recipe,
    enabled: true,
    ...changes,
    fetch: { ...recipe.fetch, url: recipe.fetch.url.replace(/^https?:\/\/[^/]+/, origin), cookiesFile: undefined, ...changes.fetch },
    politeness: { concurrency: 1, minIntervalMs: 0 },
  };
}

/** Log lines a run wrote, kept for assertions. */
export function memoryLog(): RunLog & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: (e) => lines.push({ level: 'log', ...e }), warn: (e) => lines.push({ level: 'warn', ...e }) };
}

export function testRuntime(opts: { env?: Record<string, string>; log?: RunLog; now?: Date } = {}): ScrapeRuntime {
  return createScrapeRuntime({ now: () => opts.now ?? NOW, env: opts.env ?? {}, log: opts.log ?? memoryLog() });
}

/** Runs a recipe once for the Acme brand. */
export async function runOnce(runtime: ScrapeRuntime, recipe: Recipe, brands: BrandRef[] = [ACME]): Promise<RunReport> {
  const plan = planTargets(recipe, brands);
  if (!plan.ok) throw new Error(plan.error);
  return runtime.runner.run(recipe, plan.targets);
}

export const byId = (mentions: MentionInput[]) => [...mentions].sort((a, b) => a.externalId.localeCompare(b.externalId));

/** What every mention of a run shares: brand, platform, source, and when it was observed. */
export function mentionOf(recipe: Recipe, fields: Omit<MentionInput, 'brand' | 'platform' | 'source' | 'observedAt'>): MentionInput {
  return { brand: 'acme', platform: recipe.platform, source: recipe.name, observedAt: NOW, ...fields };
}

export async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gh-sources-'));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}
