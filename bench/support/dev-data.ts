import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The labelled development data the accuracy benches score on (sentiment sets, NAB series). It is not part
 * of the repository (other licences, and nothing learnt from it ships): give its folder as the bench's first
 * argument or in `GOLDENHOUR_DEV_DATA`. `required` false: a missing folder returns null (the bench skips what
 * needs it).
 */
export function devDataDir(sub: string, required = true): string | null {
  const base = process.env.GOLDENHOUR_DEV_DATA;
  const dir = process.argv[2] ?? (base ? join(base, sub) : null);
  if (dir && existsSync(dir)) return dir;
  if (!required) return null;
  process.stderr.write(`no development data${dir ? ` at ${dir}` : ''}: give its folder as the first argument (npm run bench:… -- DIR) or set GOLDENHOUR_DEV_DATA to the folder holding sentiment/ and spikes/\n`);
  process.exit(2);
}
