import { describe, expect, it } from '@jest/globals';
import { loadRecipes } from '../../src/sources/recipe-loader.js';

describe('scrapers/ presets', () => {
  it('all validate, ship disabled, and cover every platform the product promises', async () => {
    const { recipes, errors } = await loadRecipes('scrapers');
    expect(errors).toEqual([]);
    expect(recipes.every((r) => !r.recipe.enabled)).toBe(true);
    expect(recipes.map((r) => r.recipe.platform).sort()).toEqual([
      'amazon', 'appstore', 'discourse', 'douyin', 'googleplay', 'jd', 'news', 'reddit', 'tmall', 'trustpilot', 'weibo', 'x', 'xiaohongshu',
    ]);
  });

  it('reports an invalid cron schedule with its line and an example', async () => {
    const { mkdtemp, writeFile, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'gh-recipes-'));
    const text = (await readFile('scrapers/reddit-search.yaml', 'utf8')).replace('schedule: "*/15 * * * *"', 'schedule: "every 15 minutes"');
    await writeFile(join(dir, 'reddit.yaml'), text);
    const { errors } = await loadRecipes(dir);
    const line = text.split('\n').findIndex((l) => l.startsWith('schedule:')) + 1;
    expect(errors).toEqual([expect.objectContaining({ file: join(dir, 'reddit.yaml'), line, key: 'schedule', message: expect.stringContaining('e.g. "*/15 * * * *"') })]);
  });
});
