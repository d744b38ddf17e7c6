import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../../src/platform/database/embedded-database.js';
import { commandLine } from '../../../src/platform/database/process-alive.js';
import type { ServerMarker } from '../../../src/platform/database/shared-server.js';
import { startServerProcess, stopServerProcess } from '../../../src/platform/database/server-process.js';

/** A database server of the drills' own, which a drill may stop and start again (the test run's server is shared by every test file). */
export interface DrillDatabase {
  uri: string;
  /** Stops the server process, calls `whileDown`, waits `ms`, starts the same command again on the same port and files. */
  outage(ms: number, whileDown?: () => void): Promise<void>;
  close(): Promise<void>;
}

/** Opens an embedded server through the daemon's own launcher, on a data directory of its own. */
export async function drillDatabase(): Promise<DrillDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-drill-db-'));
  const { MONGODB_URI: _shared, ...env } = process.env;
  const handle = await openDatabase({ dataDir, cacheDir: resolve('.cache/ferretdb'), env: { ...env, MONGOD_DOWNLOAD: '0' }, log: () => undefined });
  const serverDir = join(dataDir, handle.kind);
  const markerFile = join(serverDir, 'server.json');
  return {
    uri: handle.uri,
    outage: async (ms, whileDown) => {
      const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as ServerMarker;
      const argv = commandLine(marker.pid);
      if (!argv?.length) throw new Error(`cannot read the command line of database pid ${marker.pid}`);
      await stopServerProcess(marker.pid);
      whileDown?.();
      await new Promise((r) => setTimeout(r, ms));
      const pid = await startServerProcess(argv[0]!, argv.slice(1), marker.port, join(serverDir, 'restarted.log'), () => undefined);
      // The launcher stops the server named here when the last user leaves.
      writeFileSync(markerFile, JSON.stringify({ ...marker, pid }));
    },
    close: async () => {
      await handle.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
