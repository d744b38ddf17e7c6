import { afterAll, describe, expect, it } from '@jest/globals';
import { startFixtureSite } from '../../src/demo/sites/fixture-site.js';
import { byId, memoryLog, presetAt, runOnce, testRuntime } from './harness.js';
import { reviewPresets } from './preset-cases-reviews.js';
import { socialPresets } from './preset-cases-social.js';

const log = memoryLog();
const runtime = testRuntime({ env: { X_BEARER_TOKEN: 'test-bearer' }, log });
afterAll(() => runtime.close());

describe.each([
  ['social and news', socialPresets],
  ['reviews and forums', reviewPresets],
])('scrapers/ presets (%s) against fixture sites in their platform format', (_kind, cases) => {
  it.each(cases)('$preset $does', async (c) => {
    const site = await startFixtureSite(c.site());
    try {
      const preset = await presetAt(c.preset, site.origin, c.product ? { products: [{ id: c.product.id, brand: 'acme', vars: c.product.vars ?? {} }] } : {});
      const recipe = c.recipe ? await c.recipe(preset) : preset;
      const report = await runOnce(runtime, recipe);
      expect(byId(report.mentions)).toEqual(c.mentions({ recipe, origin: site.origin, product: c.product?.id }));
      expect(report.broken).toEqual([expect.stringContaining(c.broken)]);
      if (c.targets) expect(report.targets).toEqual(c.targets);
      if (c.firstTarget) expect(report.targets[0]).toMatchObject(c.firstTarget);
      c.check?.({ site, log: log.lines });
    } finally {
      await site.close();
    }
  });
});
