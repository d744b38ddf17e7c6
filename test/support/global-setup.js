// Starts one database server for the whole test run (the same launcher the daemon uses, from the
// build that `npm test` makes first); each test file then works in a database of its own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../dist/src/platform/database/embedded-database.js';

export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'goldenhour-test-'));
  // Tests talk to 127.0.0.1 only, so the launcher must not fetch MongoDB (MONGOD_DOWNLOAD=1 allows it).
  process.env.MONGOD_DOWNLOAD ??= '0';
  const handle = await openDatabase({
    dataDir,
    cacheDir: resolve('.cache/ferretdb'),
    env: process.env,
    log: (line) => process.stderr.write(`[test db] ${line}\n`),
  });
  process.env.GOLDENHOUR_TEST_MONGODB_URI = handle.uri;
  process.env.GOLDENHOUR_TEST_DB_KIND = handle.kind;
  globalThis.__goldenhourDb = handle;
}
