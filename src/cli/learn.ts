import type { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { readLabelledFile } from './labelled-file.js';
import { withServices } from './context.js';
import { learnNew, MIN_LABELS, modelToJson, type Example } from '../core/sentiment/learned/index.js';
import { AnalysisService } from '../mentions/analysis.service.js';
import { AppConfig } from '../platform/config/app-config.js';
import { Clock } from '../platform/clock.js';
import { loadConfig } from '../platform/config/load-config.js';
import { ALL_BRANDS, LearningService } from '../learning/learning.service.js';
import { labelRecordId } from '../core/sentiment/label-id.js';

type Labelled = Awaited<ReturnType<typeof readLabelledFile>>['labels'];

const examplesOf = (analysis: AnalysisService, labels: Labelled): Example[] => labels.map(({ text, label }) => ({ text, label, analysis: analysis.analyze({ text }, { cues: true }) }));

/** `goldenhour learn FILE --out MODEL.json`: a model from a labelled file, no database (to measure before trusting it). */
function learnOffline(labels: Labelled, out: string): Record<string, unknown> {
  const loaded = loadConfig();
  const analysis = new AnalysisService(new AppConfig(loaded.config, loaded.demo, loaded.file));
  const model = learnNew(examplesOf(analysis, labels));
  writeFileSync(out, JSON.stringify(modelToJson(model)));
  return { out, labels: model.labels };
}

/** `goldenhour learn FILE [--brand B]`: stores the labels and teaches the brand's model (and the all-brands one). */
async function learnStored(labels: Labelled, brand: string): Promise<Record<string, unknown>> {
  return withServices(async (app) => {
    const at = app.get(Clock).now();
    const learning = app.get(LearningService);
    await learning.storeLabels(labels.map(({ text, label }, i) => ({ _id: labelRecordId(brand, at, i), brand, text, label, source: 'import', by: 'goldenhour learn', at })));
    const total = await learning.learnBatch(brand, examplesOf(app.get(AnalysisService), labels), at);
    return { brand, labels: total };
  }, { quiet: true });
}

export function register(program: Command): void {
  program
    .command('learn')
    .description('learn sentiment from labelled JSONL lines {"text","label"} (label 1/0 or positive/neutral/negative): into a brand\'s model, or with --out into a model file')
    .argument('<file>', 'labelled JSONL file')
    .option('--brand <id>', 'the brand whose model learns (default: the model of all brands)')
    .option('--out <model.json>', 'write a model file instead of storing labels (no database; use it with `goldenhour sentiment FILE --model MODEL.json`)')
    .addHelpText('after', `\nBad lines are reported on stderr with their line number and skipped (exit status 1). A model scores texts once it has learnt from ${MIN_LABELS} labels.`)
    .action(async (file: string, o: { brand?: string; out?: string }) => {
      if (!existsSync(file)) throw new Error(`${file}: no such file (give a JSONL file of {"text","label"} lines)`);
      if (o.out && o.brand) throw new Error('--out and --brand: choose one (--out writes a model file, --brand stores the labels in the database)');
      const { labels, skipped } = await readLabelledFile(file, 'learn');
      if (!labels.length) throw new Error(`${file}: no usable labelled line`);
      const result = o.out ? learnOffline(labels, o.out) : await learnStored(labels, o.brand ?? ALL_BRANDS);
      const labelCount = result.labels as number;
      process.stdout.write(`${JSON.stringify({ ...result, learned: labels.length, skipped, active: labelCount >= MIN_LABELS })}\n`);
      if (labelCount < MIN_LABELS) process.stderr.write(`goldenhour learn: the model has ${labelCount} labels; it scores texts from ${MIN_LABELS} on (until then the rules alone do)\n`);
      process.exitCode = skipped ? 1 : 0;
    });
}
