import type { GoldenhourConfig } from './schema.js';

// Declaration merging: an AppConfig has every validated config key as a property (config.smtp, config.rulesDir…).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface AppConfig extends GoldenhourConfig {}

/** The validated configuration, injectable. Built once at boot from loadConfig(). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class AppConfig {
  constructor(
    readonly values: GoldenhourConfig,
    readonly demo: boolean,
    readonly file: string | null,
  ) {
    Object.assign(this, values);
  }

  /** The URL people open (links in mail point here). */
  get publicUrl(): string {
    return this.values.publicUrl ?? `http://${this.values.host === '0.0.0.0' ? '127.0.0.1' : this.values.host}:${this.values.port}`;
  }
}
