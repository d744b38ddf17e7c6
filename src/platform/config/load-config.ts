import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configSchema, type GoldenhourConfig } from './schema.js';
import { formatIssue, lineOf, parseYaml, zodIssues, type ConfigIssue } from './yaml-errors.js';

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`invalid configuration:\n  ${issues.map(formatIssue).join('\n  ')}`);
  }
}

export interface LoadedConfig {
  config: GoldenhourConfig;
  /** The config file read, or null when none exists. */
  file: string | null;
  /** Demo mode: on when asked for, or when no config file and no MONGODB_URI exist. */
  demo: boolean;
}

/** Environment variables and the config key each one sets. */
const ENV_KEYS: Record<string, { key: keyof GoldenhourConfig; parse?: (v: string) => unknown }> = {
  HOST: { key: 'host' },
  PORT: { key: 'port', parse: Number },
  PUBLIC_URL: { key: 'publicUrl' },
  MONGODB_URI: { key: 'mongodbUri' },
  GOLDENHOUR_DB_NAME: { key: 'dbName' },
  GOLDENHOUR_DATA_DIR: { key: 'dataDir' },
  GOLDENHOUR_RULES_DIR: { key: 'rulesDir' },
  GOLDENHOUR_SCRAPERS_DIR: { key: 'scrapersDir' },
  LOG_LEVEL: { key: 'logLevel' },
  LOG_FORMAT: { key: 'logFormat' },
  GOLDENHOUR_DEMO: { key: 'demo', parse: (v) => (v === '1' || v === 'true' ? true : v === '0' || v === 'false' ? false : v) },
};

/**
 * Reads goldenhour.yaml (GOLDENHOUR_CONFIG or ./goldenhour.yaml) and the environment, validates both
 * against one schema, and throws ConfigError naming every bad key, its value and what is allowed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): LoadedConfig {
  const path = resolve(cwd, env.GOLDENHOUR_CONFIG ?? 'goldenhour.yaml');
  const issues: ConfigIssue[] = [];
  let fileValue: Record<string, unknown> = {};
  let locate: ((p: readonly PropertyKey[]) => number | undefined) | undefined;
  const file = existsSync(path) ? path : null;
  if (env.GOLDENHOUR_CONFIG && !file) issues.push({ file: env.GOLDENHOUR_CONFIG, key: 'GOLDENHOUR_CONFIG', message: 'file does not exist: fix the path or unset it' });
  if (file) {
    const parsed = parseYaml(readFileSync(file, 'utf8'), file);
    issues.push(...parsed.issues);
    if (parsed.value !== undefined && parsed.value !== null) {
      if (typeof parsed.value !== 'object' || Array.isArray(parsed.value)) issues.push({ file, line: 1, key: '', message: 'must be a mapping of keys to values' });
      else fileValue = parsed.value as Record<string, unknown>;
    }
    locate = (p) => lineOf(parsed.doc, parsed.lines, p);
  }
  const envValue: Record<string, unknown> = {};
  const envSource = new Map<string, string>();
  for (const [name, { key, parse }] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    envValue[key] = parse ? parse(raw) : raw;
    envSource.set(key, name);
  }
  const merged = { ...fileValue, ...envValue };
  if (issues.length) throw new ConfigError(issues);
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const located = zodIssues(result.error, file ?? 'environment', merged, locate).map((i) => {
      const fromEnv = envSource.get(i.key.split('.')[0]);
      return fromEnv ? { ...i, file: 'environment', line: undefined, key: `${fromEnv} (${i.key})` } : i;
    });
    throw new ConfigError(located);
  }
  const config = result.data;
  return { config, file, demo: config.demo ?? (!file && !config.mongodbUri) };
}
