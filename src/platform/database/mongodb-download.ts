import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** MongoDB's own list of releases and their archives, read by MongoDB's downloader. */
export const MONGODB_VERSION_LIST = 'https://downloads.mongodb.org/full.json';
/** The release line downloaded: a current long-term one. */
export const MONGODB_VERSION = '8.0.x';

export interface DownloadOptions {
  /** Where archives are unpacked (the project cache, .cache/mongodb). */
  dir: string;
  log: (line: string) => void;
  /** The release list to ask; tests point it at 127.0.0.1. */
  versionListUrl?: string;
  /** How long the release list may take to answer before the step gives up (offline, it never does). */
  reachTimeoutMs?: number;
  /** Why downloading is not allowed (an earlier download is still used), or undefined. */
  forbidden?: string;
  /** The whole download (about 100 MB). */
  downloadTimeoutMs?: number;
}

/**
 * MongoDB's server binary from the project cache, downloaded once by MongoDB's own downloader
 * (@mongodb-js/mongodb-downloader) when missing. Offline this fails within reachTimeoutMs: the
 * release list is asked first with that limit, and the downloader itself has no timeout.
 */
export async function locateDownloadedMongod(opts: DownloadOptions): Promise<{ path: string; how: string } | { path: null; why: string }> {
  const cached = cachedMongod(opts.dir);
  if (cached) return { path: cached, how: `downloaded before into ${opts.dir}` };
  if (opts.forbidden) return { path: null, why: `no MongoDB downloaded into ${opts.dir}, and ${opts.forbidden} forbids downloading it` };
  const versionListUrl = opts.versionListUrl ?? MONGODB_VERSION_LIST;
  const unreachable = await reachable(versionListUrl, opts.reachTimeoutMs ?? 5_000);
  if (unreachable) return { path: null, why: `cannot download MongoDB: ${versionListUrl} ${unreachable}` };
  opts.log(`database: downloading MongoDB ${MONGODB_VERSION} once into ${opts.dir}`);
  try {
    const { downloadMongoDbWithVersionInfo } = await import('@mongodb-js/mongodb-downloader');
    const got = await withTimeout(
      downloadMongoDbWithVersionInfo({
        directory: opts.dir,
        version: MONGODB_VERSION,
        useLockfile: true,
        downloadOptions: { versionListUrl, cachePath: join(opts.dir, 'versions.json.gz') },
      }),
      opts.downloadTimeoutMs ?? 15 * 60_000,
    );
    const path = join(got.downloadedBinDir, 'mongod');
    if (!existsSync(path)) return { path: null, why: `the MongoDB download has no mongod (${got.downloadedBinDir})` };
    return { path, how: `downloaded now into ${opts.dir}` };
  } catch (err) {
    return { path: null, why: `downloading MongoDB ${MONGODB_VERSION} failed: ${(err as Error).message.split('\n')[0]}` };
  }
}

/** A mongod unpacked by an earlier download (<dir>/<artifact>/bin/mongod), or null. */
export function cachedMongod(dir: string): string | null {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort().reverse();
  } catch {
    return null;
  }
  for (const entry of entries) {
    const bin = join(dir, entry, 'bin');
    // The downloader writes .artifact_info only once an archive is fully unpacked.
    if (existsSync(join(bin, 'mongod')) && existsSync(join(bin, '.artifact_info'))) return join(bin, 'mongod');
  }
  return null;
}

/** Why `url` cannot be fetched within timeoutMs, or null when it answers. */
async function reachable(url: string, timeoutMs: number): Promise<string | null> {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? null : `answered ${res.status}`;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') return `did not answer within ${timeoutMs / 1000} s (offline?)`;
    return `is unreachable (${e.cause?.code ?? e.cause?.message ?? e.message}; offline?)`;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`gave up after ${ms / 1000} s`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}
