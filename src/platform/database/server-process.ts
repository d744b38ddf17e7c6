import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { waitForPort } from './free-port.js';
import { isAlive, waitForExit } from './process-alive.js';

/**
 * Starts a database server bound to 127.0.0.1:port and resolves with its pid once it accepts connections.
 * The server outlives the process that started it, since other goldenhour processes may be using it:
 * it gets its own session and process group (no SIGHUP or Ctrl-C from the starter's terminal), and
 * writes to `logFile` instead of pipes that would break (EPIPE) when the starter exits.
 */
export async function startServerProcess(binary: string, args: string[], port: number, logFile: string, log: (line: string) => void): Promise<number> {
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const out = openSync(logFile, 'a');
  let exited = false;
  let spawnError = '';
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.once('exit', () => { exited = true; });
  child.once('error', (err) => { exited = true; spawnError = String(err); });
  // The starter may exit first; its event loop must not wait for the server.
  child.unref();
  try {
    await waitForPort('127.0.0.1', port, 30_000, () => !exited);
  } catch (err) {
    if (!exited) child.kill('SIGKILL');
    throw new Error(`${binary} did not start: ${(err as Error).message}\n${spawnError || logTail(logFile, logStart)}`);
  }
  if (child.pid === undefined) throw new Error(`${binary} did not start: no pid`);
  log(`database server pid ${child.pid} listening on 127.0.0.1:${port} (log: ${logFile})`);
  return child.pid;
}

/** Stops a server by pid (whoever started it): SIGTERM, then SIGKILL if it lingers past 10 s. */
export async function stopServerProcess(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  signal(pid, 'SIGTERM');
  try {
    await waitForExit(pid, 10_000);
  } catch {
    signal(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

function logTail(file: string, from: number): string {
  try {
    return readFileSync(file).subarray(from).toString('utf8').trim().split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}
