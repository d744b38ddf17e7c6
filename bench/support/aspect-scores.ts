// Per-aspect precision and recall of aspect extraction on goldenhour's own hand-labelled reviews
// (test/aspects/labelled.jsonl: 320 reviews, Chinese and English, written for goldenhour from hand-written
// clauses in the style of the development data). A hit is the aspect found with the labelled polarity.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aspectsOf, parseAspects } from '../../src/core/sentiment/aspects.js';
import type { Analyzer } from '../../src/core/sentiment/index.js';

interface Review {
  lang: 'en' | 'zh';
  text: string;
  aspects: Record<string, string>;
}

export function reportAspects(analyzer: Analyzer, root: string): void {
  const file = join(root, 'rules', 'aspects.yaml');
  const parsed = parseAspects(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const reviews = readFileSync(join(root, 'test', 'aspects', 'labelled.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Review);
  process.stdout.write(`\naspects on ${reviews.length} hand-labelled reviews (precision / recall of aspect with its polarity; found = aspect alone):\n`);
  for (const lang of ['zh', 'en'] as const) {
    const counts = new Map(parsed.aspects.map((a) => [a.id, { tp: 0, fp: 0, fn: 0, found: 0 }]));
    for (const r of reviews.filter((x) => x.lang === lang)) {
      const got = aspectsOf(r.text, lang, parsed.aspects, (clause) => analyzer.analyze({ text: clause, lang }).score);
      for (const g of got) {
        const c = counts.get(g.aspect)!;
        if (r.aspects[g.aspect] === g.label) c.tp++;
        else c.fp++;
        if (r.aspects[g.aspect]) c.found++;
      }
      for (const [a, label] of Object.entries(r.aspects)) if (!got.some((g) => g.aspect === a && g.label === label)) counts.get(a)!.fn++;
    }
    const cells = [...counts].map(([a, c]) => `${a} ${(c.tp / Math.max(1, c.tp + c.fp)).toFixed(2)}/${(c.tp / Math.max(1, c.tp + c.fn)).toFixed(2)}`);
    process.stdout.write(`  ${lang}: ${cells.join('  ')}\n`);
  }
}
