import type { Command } from 'commander';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { readJsonlLine } from './jsonl-line.js';
import { checkDraft } from '../core/drafting/draft-check.js';

/** One input line: a reply draft (or template) and, optionally, its language. */
const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  text: z.string({ error: 'missing "text": each line needs a string field "text", e.g. {"id":"t1","text":"We are so sorry…"}' }).min(1, 'empty "text"'),
  lang: z.enum(['en', 'zh'], { error: '"lang" must be "en" or "zh" (or left out to detect it)' }).optional(),
});

/** Turns one JSONL line into one output line; bad lines become `{"id":null,"error":"line N: …"}`. */
export function checkLine(line: string, lineNo: number): { out: string; failed: boolean } {
  const parsed = readJsonlLine(line, lineNo, lineSchema, { keepId: true });
  if (!parsed.ok) return { out: parsed.out, failed: true };
  const { id, text, lang } = parsed.data;
  const r = checkDraft(text, lang);
  return { out: JSON.stringify({ id: id ?? null, ok: r.ok, lang: r.lang, findings: r.findings, suggestedReply: r.suggestedReply }), failed: false };
}

/** `goldenhour draft-check [FILE]`: checks reply drafts or templates in bulk, one output line per input line, in order. */
export function register(program: Command): void {
  program
    .command('draft-check')
    .description('check JSONL reply drafts ({"id","text","lang"?}) from FILE or stdin; writes {"id","ok","findings":[{"rule",…}],"suggestedReply"} per line')
    .argument('[file]', 'JSONL input; stdin when omitted or "-"')
    .addHelpText('after', '\nRules: empathy-first, action, next-step-time, denial, blame, legal-threat, minimising.\nExit status: 0 when every line was checked (whatever it found), 1 when some lines were errors (they still get an output line), 2 when the input cannot be read.')
    .action(async (file: string | undefined) => {
      if (file && file !== '-' && !existsSync(file)) {
        process.stderr.write(`goldenhour draft-check: ${file}: no such file (give a JSONL file, or pipe lines to stdin)\n`);
        process.exitCode = 2;
        return;
      }
      const input = file && file !== '-' ? createReadStream(file, 'utf8') : process.stdin;
      let lineNo = 0;
      let failures = 0;
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        lineNo++;
        if (!line.trim()) continue;
        const { out, failed } = checkLine(line, lineNo);
        if (failed) failures++;
        if (!process.stdout.write(out + '\n')) await new Promise<void>((done) => process.stdout.once('drain', done));
      }
      process.exitCode = failures > 0 ? 1 : 0;
    });
}
