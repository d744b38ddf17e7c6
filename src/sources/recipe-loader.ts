import { validateDetailed } from 'node-cron';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRecipe, type RecipeCheck, type RecipeError } from '../core/sources/recipe-validation.js';
import type { Recipe } from '../core/sources/recipe.js';

export { formatRecipeError, type RecipeError } from '../core/sources/recipe-validation.js';

export interface LoadedRecipe {
  file: string;
  recipe: Recipe;
}

/** The schedule must be a cron expression node-cron accepts (5 fields, or 6 with seconds first). */
const checkSchedule: RecipeCheck = (recipe) => {
  const v = validateDetailed(recipe.schedule);
  if (v.valid) return [];
  const detail = v.errors.map((e) => `${e.field}${e.value !== undefined ? ` "${e.value}"` : ''}: ${e.message}`).join('; ');
  return [{ path: ['schedule'], message: `invalid cron expression "${recipe.schedule}" (${detail}); e.g. "*/15 * * * *" for every 15 minutes` }];
};

/** Validates one recipe file; errors name file:line, the key and the fix. */
export async function validateRecipeFile(path: string): Promise<{ recipe?: Recipe; errors: RecipeError[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { errors: [{ file: path, line: 1, column: 1, key: '', message: `cannot read the recipe (${(e as NodeJS.ErrnoException).code})` }] };
  }
  const parsed = parseRecipe(text, path, checkSchedule);
  return parsed.ok ? { recipe: parsed.recipe, errors: [] } : { errors: parsed.errors };
}

/** Loads every *.yaml / *.yml recipe of a directory (sorted by file name); a missing directory has none. */
export async function loadRecipes(dir: string): Promise<{ recipes: LoadedRecipe[]; errors: RecipeError[] }> {
  if (!existsSync(dir)) return { recipes: [], errors: [] };
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const recipes: LoadedRecipe[] = [];
  const errors: RecipeError[] = [];
  const byName = new Map<string, string>();
  for (const f of files) {
    const file = join(dir, f);
    const result = await validateRecipeFile(file);
    errors.push(...result.errors);
    if (!result.recipe) continue;
    const other = byName.get(result.recipe.name);
    if (other) {
      errors.push({ file, line: 1, column: 1, key: 'name', message: `recipe name "${result.recipe.name}" is already used by ${other}; names must be unique` });
      continue;
    }
    byName.set(result.recipe.name, file);
    recipes.push({ file, recipe: result.recipe });
  }
  return { recipes, errors };
}
