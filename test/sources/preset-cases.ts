/** The row of the preset table (presets.test.ts): one scraper preset run once against a fixture site in its platform's real format. */
import type { MentionInput } from '../../src/core/mention/mention-input.js';
import type { Recipe } from '../../src/core/sources/recipe.js';
import type { FixturePost, FixtureRoute, RunningFixtureSite } from '../../src/demo/sites/fixture-site.js';
import type { TargetOutcome } from '../../src/sources/source-runner.js';
import { NOW } from './harness.js';

export interface PresetCase {
  /** The preset's file name in scrapers/. */
  preset: string;
  /** What the run shows the preset does (the test's title). */
  does: string;
  /** The fixture site's routes, answering in the platform's format. */
  site: () => FixtureRoute[];
  /** The product (video, app, thread) the preset's {productId} names, with its vars. */
  product?: { id: string; vars?: Record<string, string> };
  /** Changes the recipe needs beyond the fixture origin and the product (a cookies file). */
  recipe?: (preset: Recipe) => Promise<Recipe>;
  /** The mentions the run yields, sorted by external id. */
  mentions: (run: { recipe: Recipe; origin: string; product?: string }) => MentionInput[];
  /** Why the one broken item of the site was skipped (a part of the message). */
  broken: string;
  /** Every target's outcome, or (`firstTarget`) the parts of the first that matter. */
  targets?: TargetOutcome[];
  firstTarget?: Partial<TargetOutcome>;
  /** Further expectations on the requests the site saw and the log lines the run wrote. */
  check?: (run: { site: RunningFixtureSite; log: Record<string, unknown>[] }) => void;
}

export const at = (iso: string) => new Date(iso);
/** A post the site serves in a shape the preset cannot read (each site breaks it its own way). */
export const broken = (id: string): FixturePost => ({ id, text: 'broken', author: 'x', publishedAt: NOW, broken: true });
export const engagement = (likes: number, comments = 0, views = 0) => ({ likes, shares: 0, comments, views });
