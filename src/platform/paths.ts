import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The goldenhour installation directory (holds package.json, rules/, scrapers/, dashboards/). */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'goldenhour') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the goldenhour installation (package.json)');
    dir = up;
  }
}
