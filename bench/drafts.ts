// `npm run bench:drafts`: per-rule accuracy of the draft-reply check on the labelled drafts in test/drafts/labelled.jsonl
// (written for goldenhour: good and bad replies of each kind, English and Chinese), with the ids it gets wrong.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreDrafts, type LabelledDraft } from '../src/core/drafting/accuracy.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = process.argv[2] ?? join(root, 'test', 'drafts', 'labelled.jsonl');
const drafts = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledDraft);
for (const lang of ['en', 'zh'] as const) {
  const set = drafts.filter((d) => d.lang === lang);
  process.stdout.write(`\n${lang}: ${set.length} drafts (${set.filter((d) => d.expect.length === 0).length} good)\n`);
  process.stdout.write('rule             accuracy  labelled  false+  false-\n');
  for (const s of scoreDrafts(set)) {
    const wrong = [...s.falsePositives.map((id) => `+${id}`), ...s.falseNegatives.map((id) => `-${id}`)].join(' ');
    process.stdout.write(`${s.rule.padEnd(16)} ${s.accuracy.toFixed(3).padStart(8)}  ${String(s.positives).padStart(8)}  ${String(s.falsePositives.length).padStart(6)}  ${String(s.falseNegatives.length).padStart(6)}  ${wrong}\n`);
  }
}
