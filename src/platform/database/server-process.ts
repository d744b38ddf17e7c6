import { spawn, type ChildProcess } from 'node:child_process';
import { waitForPort } from './free-port.js';

/** A database server child process bound to 127.0.0.1 that is stopped with the daemon. */
export interface ServerProcess {
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export async function startServerProcess(binary: string, args: string[], port: number, log: (line: string) => void): Promise<ServerProcess> {
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) tail.push(line.trim());
    while (tail.length > 20) tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => { exited = true; });
  child.once('error', (err) => { exited = true; tail.push(String(err)); });
  try {
    await waitForPort('127.0.0.1', port, 30_000, () => !exited);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${binary} did not start: ${(err as Error).message}\n${tail.join('\n')}`);
  }
  log(`database server pid ${child.pid} listening on 127.0.0.1:${port}`);
  return {
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
        child.kill('SIGTERM');
      }),
  };
}
