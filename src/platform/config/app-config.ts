import { isAbsolute, join, resolve } from 'node:path';
import { projectRoot } from '../paths.js';
import type { GoldenhourConfig } from './schema.js';

/** Directory keys: relative paths are taken from the working directory; unset ones are the installation's. */
type Dirs = { cacheDir: string; rulesDir: string; scrapersDir: string; dataDir: string };

// Declaration merging: an AppConfig has every validated config key as a property (config.smtp, config.rulesDir…).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface AppConfig extends Omit<GoldenhourConfig, keyof Dirs>, Dirs {}

/** The validated configuration, injectable. Built once at boot from loadConfig(). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class AppConfig {
  constructor(
    readonly values: GoldenhourConfig,
    readonly demo: boolean,
    readonly file: string | null,
  ) {
    const { publicUrl: _publicUrl, ...rest } = values;
    Object.assign(this, rest);
    const dir = (v: string | undefined, fallback: string) => (v ? (isAbsolute(v) ? v : resolve(v)) : join(projectRoot(), fallback));
    this.cacheDir = dir(values.cacheDir, '.cache/ferretdb');
    this.rulesDir = dir(values.rulesDir, 'rules');
    this.scrapersDir = dir(values.scrapersDir, 'scrapers');
    this.dataDir = resolve(values.dataDir);
  }

  /** The URL people open (links in mail point here). */
  get publicUrl(): string {
    return this.values.publicUrl ?? `http://${this.values.host === '0.0.0.0' ? '127.0.0.1' : this.values.host}:${this.values.port}`;
  }
}
