import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findOnPath } from './find-on-path.js';

const run = promisify(execFile);
export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';

/**
 * Finds FerretDB: FERRETDB_BINARY, then PATH, then the project-local cache (built on first use).
 * Returns null with the reason when it cannot be had (no Go toolchain, build failed).
 */
export async function locateFerretdb(
  cacheDir: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<{ path: string; how: string } | { path: null; why: string }> {
  if (env.FERRETDB_BINARY) {
    if (existsSync(env.FERRETDB_BINARY)) return { path: env.FERRETDB_BINARY, how: 'FERRETDB_BINARY' };
    return { path: null, why: `FERRETDB_BINARY=${env.FERRETDB_BINARY} does not exist` };
  }
  const onPath = findOnPath('ferretdb', env);
  if (onPath) return { path: onPath, how: 'found on PATH' };
  const cached = join(cacheDir, 'ferretdb');
  if (existsSync(cached)) return { path: cached, how: `project cache ${cached}` };
  const go = findOnPath('go', env) ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
  if (!go) return { path: null, why: 'no ferretdb binary and no Go toolchain to build one (install Go, or set FERRETDB_BINARY)' };
  try {
    await buildFerretdb(go, cacheDir, log);
    return { path: cached, how: `built into ${cached}` };
  } catch (err) {
    return { path: null, why: `building FerretDB ${FERRETDB_VERSION} failed: ${(err as Error).message}` };
  }
}

/**
 * Builds FerretDB into cacheDir. `go install …@v1.24.2` cannot be used as is: the module proxy refuses
 * the version-list lookup it makes, and the module zip lacks build/version/version.txt, without which
 * the binary panics at start. So the build pins the version in a small tool module, vendors it,
 * writes version.txt and builds from the vendor tree.
 */
async function buildFerretdb(go: string, cacheDir: string, log: (line: string) => void): Promise<void> {
  const mod = join(cacheDir, 'build');
  mkdirSync(mod, { recursive: true });
  const opts = { cwd: mod, env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' }, maxBuffer: 64 * 1024 * 1024 };
  const started = performance.now();
  const tick = setInterval(() => log(`building FerretDB ${FERRETDB_VERSION}… ${Math.round((performance.now() - started) / 1000)} s`), 10_000);
  try {
    log(`building FerretDB ${FERRETDB_VERSION} once into ${cacheDir} (about 2 minutes)`);
    if (!existsSync(join(mod, 'go.mod'))) await run(go, ['mod', 'init', 'goldenhour-ferretdb'], opts);
    await run(go, ['get', '-tool', `${FERRETDB_MODULE}/cmd/ferretdb@${FERRETDB_VERSION}`], opts);
    await run(go, ['mod', 'vendor'], opts);
    writeFileSync(join(mod, 'vendor', FERRETDB_MODULE, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    await run(go, ['build', '-mod=vendor', '-o', join(cacheDir, 'ferretdb'), `${FERRETDB_MODULE}/cmd/ferretdb`], {
      ...opts,
      env: { ...opts.env, GOFLAGS: '' },
    });
    log(`built FerretDB ${FERRETDB_VERSION} in ${Math.round((performance.now() - started) / 1000)} s`);
  } finally {
    clearInterval(tick);
  }
}
