import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('a command run away from the daemon', () => {
  it('says loudly that it started a database of its own, where, and how to reach the daemon\'s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-own-db-'));
    try {
      const env: Record<string, string | undefined> = { ...process.env, FERRETDB_BINARY: join(process.cwd(), '.cache/ferretdb/ferretdb'), MONGOD_DOWNLOAD: '0', MONGOD_BINARY: join(dir, 'no-mongod') };
      delete env.MONGODB_URI;
      const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/goldenhour.js'), 'token', 'list'], { cwd: dir, encoding: 'utf8', env, timeout: 120_000 });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain(`goldenhour: WARNING: no running goldenhour server uses the data directory ${join(dir, 'data')}, so this command started its own ferretdb database there`);
      expect(r.stderr).toContain('set GOLDENHOUR_DATA_DIR (or MONGODB_URI) to the daemon\'s');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
