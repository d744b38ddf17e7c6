import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { readJsonlLine } from './jsonl-line.js';
import { parseLabel } from '../core/sentiment/learned/index.js';
import type { Polarity } from '../core/sentiment/types.js';

const lineSchema = z.object({
  text: z.string({ error: 'missing "text": each line needs {"text": "...", "label": 1|0|"positive"|"neutral"|"negative"}' }).min(1, '"text" is empty'),
  label: z.unknown(),
});

/**
 * Reads a labelled JSONL file (`{"text","label"}` per line). Bad lines are reported on stderr with their
 * line number and skipped; the good ones are returned.
 */
export async function readLabelledFile(file: string, command: string): Promise<{ labels: { text: string; label: Polarity }[]; skipped: number }> {
  const labels: { text: string; label: Polarity }[] = [];
  let skipped = 0;
  let lineNo = 0;
  const skip = (message: string): void => {
    skipped++;
    process.stderr.write(`goldenhour ${command}: ${file}:${lineNo}: ${message} (line skipped)\n`);
  };
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    lineNo++;
    if (!line.trim()) continue;
    const parsed = readJsonlLine(line, lineNo, lineSchema);
    if (!parsed.ok) {
      skip((JSON.parse(parsed.out) as { error: string }).error.replace(/^line \d+: /, ''));
      continue;
    }
    const label = parseLabel(parsed.data.label);
    if (!label.ok) skip(label.error);
    else labels.push({ text: parsed.data.text, label: label.label });
  }
  return { labels, skipped };
}
