// The boundaries of the house (docs/architecture.md "Layers"), checked by `npm test` through
// scripts/lint.js. Imports are relative, so each rule is written per folder depth: from
// src/<top>/<k folders>/file.ts the prefix `../` × (k+1) leads back to src/.
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

// Every folder of src/ other than these is a feature module.
const LAYERS = new Set(['core', 'platform', 'cli']);
const FEATURES = readdirSync('src', { withFileTypes: true })
  .filter((e) => e.isDirectory() && !LAYERS.has(e.name))
  .map((e) => e.name);
const MAX_DEPTH = 3;

// Framework, database, IO and clock: none of it may reach the pure core (time is passed in).
const NOT_IN_CORE = [
  { group: ['@nestjs/*', 'mongoose', 'mongodb'], message: 'src/core is framework-free: put Nest and database code in a feature module and pass plain objects in.' },
  { group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:net', 'node:http', 'node:https', 'node:child_process', 'node:os', 'node:worker_threads', 'node:dns', 'node:tls', 'node:timers', 'node:timers/*', 'nodemailer', 'playwright-core', 'node-cron'], message: 'src/core does no IO and reads no clock: do it in a feature module or src/platform and pass the result (or `now`) in.' },
];
// A test beside the code may read its fixture files.
const NOT_IN_CORE_SPECS = NOT_IN_CORE.filter((p) => p.group.includes('@nestjs/*'));

const up = (depth) => '(\\.\\./){' + (depth + 1) + '}';

function coreRule(depth, patterns, spec) {
  // A spec may also take its factories from test/support.
  const leaves = spec ? `^${up(depth)}(?!\\.\\./test/support/)` : `^${up(depth)}`;
  return [...patterns, { regex: leaves, message: 'src/core imports only src/core: the pure core knows nothing of the modules built on it.' }];
}
const platformRule = (depth) => [
  { regex: `^${up(depth)}(?!core/)`, message: 'src/platform is the foundation: it imports only src/core; features and the composition root build on it, not the other way.' },
];
const ROOT = 'cli/|main\\.js|app\\.module\\.js|boot\\.js|daemon\\.js';
const featureRule = (depth) => [
  { regex: `^${up(depth)}(${ROOT})`, message: 'The composition root (src/main.ts, app.module, boot, daemon, cli) sits on top: a feature never imports it.' },
  {
    // What a feature offers the others: its Nest module, its services (what the module exports), its
    // personal-data plug-in and the parsers of its config files (`*-file.ts`, `*-loader.ts`, which
    // `goldenhour check` and the backtest validate too). Types may come from anywhere with `import type`.
    regex: `^${up(depth)}(?!core/|platform/|${ROOT})[^/]+/(?![^/]+(\\.module|\\.service|\\.personal-data|-file|-loader)\\.js$)`,
    allowTypeImports: true,
    message: "Another feature's internal file: use what it exports (its *.service.ts through its module), or move the shared decision into src/core.",
  },
];
// The command line is part of the composition root: it may build the app and call any feature's services
// and jobs, but not reach past them into storage or HTTP.
const cliRule = (depth) => [
  { regex: `^${up(depth)}(?!core/|platform/)[^/]+/(.+/)?[^/]+\\.(repository|schema|controller)\\.js$`, message: "The command line calls a feature's services, never its repositories, schemas or controllers." },
];

function blocks(top, rule, { specs } = {}) {
  const out = [];
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const files = [`src/${top}/${'*/'.repeat(depth)}*.ts`];
    out.push({ files, ignores: ['**/*.spec.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: rule(depth, false) }] } });
    out.push({ files: files.map((f) => f.replace(/\*\.ts$/, '*.spec.ts')), rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: rule(depth, specs ?? true) }] } });
  }
  return out;
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'dashboards/**', '.cache/**'] },
  {
    // typescript-eslint's recommended rules (syntax only, no type information: fast); `_name` marks a value
    // left out on purpose (a destructured field dropped, a parameter a signature requires).
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  ...blocks('core', (depth, spec) => coreRule(depth, spec ? NOT_IN_CORE_SPECS : NOT_IN_CORE, spec)),
  ...blocks('platform', platformRule),
  ...FEATURES.flatMap((f) => blocks(f, featureRule)),
  ...blocks('cli', cliRule),
);
