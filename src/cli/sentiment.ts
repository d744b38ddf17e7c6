import type { Command } from 'commander';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { readJsonlLine } from './jsonl-line.js';
import { neutralNames } from '../core/brands/names.js';
import { applyLearned, modelFromJson, type LearnedModel } from '../core/sentiment/learned/index.js';
import { AnalysisService } from '../mentions/analysis.service.js';
import { AppConfig } from '../platform/config/app-config.js';
import { ConfigError, loadConfig } from '../platform/config/load-config.js';

/** One input line: the text and what the source knows about it. */
const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  text: z.string({ error: 'missing "text": each line needs a string field "text", e.g. {"id":"1","text":"great service"}' }),
  rating: z.number().nullish(),
  ratingScale: z.number().positive().optional(),
  lang: z.string().optional(),
});

const FLUSH_EVERY = 512;

type Analyse = AnalysisService['analyze'];

/** Turns one JSONL line into one output line; bad lines become `{"id":null,"error":"line N: …"}`. */
function analyseLine(line: string, lineNo: number, analyse: Analyse, explain: boolean): { out: string; failed: boolean } {
  const parsed = readJsonlLine(line, lineNo, lineSchema);
  if (!parsed.ok) return { out: parsed.out, failed: true };
  const { id, text, rating, ratingScale, lang } = parsed.data;
  const a = analyse({ text, rating, ratingScale, lang }, { explain });
  const result: Record<string, unknown> = { id: id ?? null, score: a.score, label: a.label, lang: a.lang, crisis: a.crisis, keywords: a.keywords };
  if (a.learned) result.learned = a.learned;
  if (explain) result.explain = a.explain ?? [];
  return { out: JSON.stringify(result), failed: false };
}

/** The model file given with --model, or undefined after saying on stderr why it cannot be used. */
function readModel(file: string): LearnedModel | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    process.stderr.write(`goldenhour sentiment: --model ${file}: ${(err as Error).message}\n`);
    return undefined;
  }
  const read = modelFromJson(json);
  if (read.ok) return read.model;
  process.stderr.write(`goldenhour sentiment: --model ${file}: ${read.error}\n`);
  return undefined;
}

async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await new Promise<void>((done) => process.stdout.once('drain', done));
}

/** `goldenhour sentiment [FILE]`: scores JSONL texts from FILE or stdin, one output line per input line, in order. */
export function register(program: Command): void {
  program
    .command('sentiment')
    .description('score JSONL lines ({"id","text","rating","lang"}) from FILE or stdin; writes {"id","score","label","lang","crisis","keywords"} per line')
    .argument('[file]', 'JSONL input; stdin when omitted or "-"')
    .option('--explain', 'add the tokens and rules that moved each score')
    .option('--model <model.json>', 'adjust the rules\' scores by a model learnt with `goldenhour learn LABELLED.jsonl --out MODEL.json`')
    .addHelpText('after', '\nExit status: 0 when every line was scored, 1 when some lines were errors (they still get an output line), 2 when the input or configuration cannot be read.')
    .action(async (file: string | undefined, opts: { explain?: boolean; model?: string }) => {
      let config: AppConfig;
      try {
        const loaded = loadConfig();
        config = new AppConfig(loaded.config, loaded.demo, loaded.file);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        for (const i of err.issues) process.stderr.write(`${i.file}${i.line ? `:${i.line}` : ''}: ${i.key}: ${i.message}\n`);
        process.exitCode = 2;
        return;
      }
      if (file && file !== '-' && !existsSync(file)) {
        process.stderr.write(`goldenhour sentiment: ${file}: no such file (give a JSONL file, or pipe lines to stdin)\n`);
        process.exitCode = 2;
        return;
      }
      const model = opts.model ? readModel(opts.model) : null;
      if (model === undefined) {
        process.exitCode = 2;
        return;
      }
      const analysis = new AnalysisService(config);
      for (const problem of analysis.problems) process.stderr.write(`goldenhour sentiment: crisis terms skipped: ${problem}\n`);
      // Configured brand and competitor names carry no sentiment here either (as in ingest).
      const names = [...new Set(config.brands.flatMap((b) => neutralNames(b, config.brands)))];
      const analyse: Analyse = (input, o) => applyLearned(model, input.text, analysis.analyze(names.length ? { ...input, names } : input, o), o?.explain);
      const input = file && file !== '-' ? createReadStream(file, 'utf8') : process.stdin;
      const lines = createInterface({ input, crlfDelay: Infinity });
      let lineNo = 0;
      let failures = 0;
      let pending: string[] = [];
      for await (const line of lines) {
        lineNo++;
        if (!line.trim()) continue;
        const { out, failed } = analyseLine(line, lineNo, analyse, opts.explain ?? false);
        if (failed) failures++;
        pending.push(out);
        if (pending.length >= FLUSH_EVERY) {
          await write(pending.join('\n') + '\n');
          pending = [];
        }
      }
      if (pending.length) await write(pending.join('\n') + '\n');
      process.exitCode = failures > 0 ? 1 : 0;
    });
}
