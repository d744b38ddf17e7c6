import { readFileSync } from 'node:fs';

/**
 * Whether `pid` is a running process. A zombie counts as gone: when the process that started a server
 * has exited, the server's new parent (PID 1 in a container) may never reap it, and signal 0 still
 * succeeds on a zombie.
 */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return procState(pid) !== 'Z';
}

/** The command line of `pid` (Linux /proc), or null where it cannot be read. */
export function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/** Resolves once `pid` is gone, or rejects after timeoutMs. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (isAlive(pid)) {
    if (performance.now() > deadline) throw new Error(`pid ${pid} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * When `pid` started (clock ticks since boot, Linux /proc), or '' where it cannot be read. With the pid it
 * names one process for good: a pid alone may be reused by an unrelated process after the first exits.
 */
export function startTime(pid: number): string {
  return statFields(pid)?.[19] ?? '';
}

function procState(pid: number): string | null {
  return statFields(pid)?.[0] ?? null;
}

/** /proc/<pid>/stat from the state field on (field 3 onwards), or null. */
function statFields(pid: number): string[] | null {
  try {
    // The fields follow the parenthesised command name, which may itself hold spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}
