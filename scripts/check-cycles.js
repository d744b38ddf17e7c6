#!/usr/bin/env node
// Import cycles in src/: reads each file's imports as TypeScript sees them (type-only ones too: a cycle of
// types is still two files that cannot be understood apart), resolves the relative ones and lists every
// strongly connected group of files. Exit 1 when there is one. Usage: node scripts/check-cycles.js [dir]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? 'src');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** A relative import `./x.js` names the source `./x.ts` (or `./x/index.ts`). */
function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  return [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
}

const files = sources(root);
const edges = new Map(files.map((f) => {
  const { importedFiles } = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
  return [f, [...new Set(importedFiles.map((i) => resolveImport(f, i.fileName)).filter(Boolean))]];
}));

// Tarjan's strongly connected components: a component of more than one file (or a file importing itself) is a cycle.
let counter = 0;
const index = new Map(), low = new Map(), stack = [], onStack = new Set(), cycles = [];
function visit(v) {
  index.set(v, counter); low.set(v, counter); counter++;
  stack.push(v); onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) !== index.get(v)) return;
  const group = [];
  let w;
  do { w = stack.pop(); onStack.delete(w); group.push(w); } while (w !== v);
  if (group.length > 1 || edges.get(v)?.includes(v)) cycles.push(group);
}
for (const f of files) if (!index.has(f)) visit(f);

const show = (f) => relative(process.cwd(), f);
for (const group of cycles) {
  const inGroup = new Set(group);
  process.stderr.write(`import cycle of ${group.length} files:\n`);
  for (const f of group) for (const g of edges.get(f)) if (inGroup.has(g)) process.stderr.write(`  ${show(f)} -> ${show(g)}\n`);
}
process.stdout.write(`import cycles: ${cycles.length} in ${files.length} files of ${show(root) || '.'}\n`);
process.exit(cycles.length ? 1 : 0);
