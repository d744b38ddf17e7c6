#!/usr/bin/env node
// The checked boundaries (docs/architecture.md "Layers"): ESLint's import rules (eslint.config.js) over
// src/, then the import-cycle check. Cached in .cache/eslint, so a run after a small change takes seconds.
import { spawnSync } from 'node:child_process';

const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;
const eslint = run(['node_modules/eslint/bin/eslint.js', '--cache', '--cache-location', '.cache/eslint/', '--max-warnings', '0', 'src']);
const cycles = run(['scripts/check-cycles.js', 'src']);
process.exit(eslint || cycles);
