import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The labelled development data the accuracy benches score on (sentiment sets, NAB series). It is not part
 * of the repository (other licences, and nothing learnt from it ships): give its folder as the bench's first
 * argument or in `GOLDENHOUR_DEV_DATA`; without either, `../shared/data` beside the checkout is tried.
 * `required` false: a missing folder returns null (the bench skips what needs it).
 */
export function devDataDir(sub: string, required = true): string | null {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const base = process.env.GOLDENHOUR_DEV_DATA ?? join(root, '..', 'shared', 'data');
  const dir = process.argv[2] ?? join(base, sub);
  if (existsSync(dir)) return dir;
  if (!required) return null;
  process.stderr.write(`no development data at ${dir}: give its folder as the first argument (npm run bench:… -- DIR) or set GOLDENHOUR_DEV_DATA to the folder holding sentiment/ and spikes/\n`);
  process.exit(2);
}
