import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './process-alive.js';

/** A lock whose holder died before writing its pid is taken as stale after this long. */
const UNCLAIMED_MS = 5_000;

/**
 * Runs `fn` while holding the lock directory `path` (mkdir is atomic across processes, so only one
 * process decides at a time whether to start or stop a shared server). A lock left by a dead
 * process is broken. Rejects when a live holder keeps it longer than timeoutMs.
 */
export async function withDirLock<T>(path: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  await acquire(path, timeoutMs);
  try {
    return await fn();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
}

async function acquire(path: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = lockHolder(path);
    if (holder.stale) {
      rmSync(path, { recursive: true, force: true });
      continue;
    }
    if (performance.now() > deadline) throw new Error(`${path} is held by pid ${holder.pid ?? '?'} for more than ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function lockHolder(path: string): { pid: number | null; stale: boolean } {
  let text = '';
  try {
    text = readFileSync(join(path, 'pid'), 'utf8').trim();
  } catch {
    // not claimed yet, or just released
  }
  if (text) {
    const pid = Number(text);
    return { pid, stale: !isAlive(pid) };
  }
  // Created but not yet claimed (or just released): stale only once it stays so for a while.
  try {
    return { pid: null, stale: Date.now() - statSync(path).mtimeMs > UNCLAIMED_MS };
  } catch {
    return { pid: null, stale: false };
  }
}
