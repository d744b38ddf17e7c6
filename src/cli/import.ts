import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { importRow, parseMapping } from '../core/mention/import-rows.js';
import { IngestService } from '../mentions/ingest.service.js';
import { withServices } from './context.js';

const BATCH = 500;

/** `goldenhour import FILE`: JSONL or CSV exports into the same ingest path the API uses. */
export function register(program: Command): void {
  program
    .command('import')
    .description('import mentions from a JSONL or CSV export; malformed lines are reported and skipped')
    .argument('<file>', 'a .jsonl/.ndjson or .csv file')
    .option('--format <format>', 'jsonl or csv (default: from the file name)')
    .option('--brand <brand>', 'brand for rows that do not name one')
    .option('--platform <platform>', 'platform for rows that do not name one')
    .option('--map <pairs>', 'field=column pairs, e.g. text=content,publishedAt=created_at,externalId=id,likes=like_count')
    .option('--delimiter <char>', 'CSV delimiter', ',')
    .action(async (file: string, o: { format?: string; brand?: string; platform?: string; map?: string; delimiter: string }) => {
      if (!existsSync(file)) {
        process.stderr.write(`goldenhour import: ${file}: no such file (give the path of a .jsonl or .csv export)\n`);
        process.exitCode = 2;
        return;
      }
      const format = o.format ?? (/\.csv$/i.test(file) ? 'csv' : 'jsonl');
      if (format !== 'csv' && format !== 'jsonl') throw new Error(`--format: "${format}" is not one of jsonl, csv`);
      const mapping = { columns: parseMapping(o.map), defaults: { ...(o.brand ? { brand: o.brand } : {}), ...(o.platform ? { platform: o.platform } : {}), source: `import:${file.split('/').pop()}` } };
      const { rows, problems } = format === 'csv' ? readCsv(file, o.delimiter) : readJsonl(file);
      const summary = { imported: 0, updated: 0, unchanged: 0, rejected: problems.length };
      for (const p of problems) process.stderr.write(`${file}:${p.line}: ${p.error}\n`);
      await withServices(async (app) => {
        const ingest = app.get(IngestService);
        // Each row meets the same checks as a pushed mention (keys, schema); refused rows never reach the database.
        const valid: { line: number; mention: unknown }[] = [];
        for (const row of rows) {
          const checked = importRow(row.value, mapping);
          if (checked.ok) valid.push({ line: row.line, mention: checked.mention });
          else {
            summary.rejected++;
            process.stderr.write(`${file}:${row.line}: ${checked.error}\n`);
          }
        }
        for (let i = 0; i < valid.length; i += BATCH) {
          const chunk = valid.slice(i, i + BATCH);
          const r = await ingest.ingest(chunk.map((row) => row.mention));
          summary.imported += r.imported;
          summary.updated += r.updated;
          summary.unchanged += r.unchanged;
          summary.rejected += r.rejected.length;
          for (const rej of r.rejected) process.stderr.write(`${file}:${chunk[rej.index].line}: ${rej.error}\n`);
        }
      });
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      process.stderr.write(`imported ${summary.imported}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected}\n`);
      if (summary.rejected && !summary.imported && !summary.updated && !summary.unchanged) process.exitCode = 1;
    });
}

type Row = { line: number; value: Record<string, unknown> };

function readJsonl(file: string): { rows: Row[]; problems: { line: number; error: string }[] } {
  const rows: Row[] = [];
  const problems: { line: number; error: string }[] = [];
  readFileSync(file, 'utf8').split(/\r?\n/).forEach((text, i) => {
    if (!text.trim()) return;
    try {
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('a line must hold one JSON object');
      rows.push({ line: i + 1, value: value as Record<string, unknown> });
    } catch (err) {
      problems.push({ line: i + 1, error: `not valid JSON: ${(err as Error).message}` });
    }
  });
  return { rows, problems };
}

function readCsv(file: string, delimiter: string): { rows: Row[]; problems: { line: number; error: string }[] } {
  const rows: Row[] = [];
  const problems: { line: number; error: string }[] = [];
  const records = parseCsv(readFileSync(file, 'utf8'), { columns: true, delimiter, skip_empty_lines: true, relax_column_count: true, bom: true, info: true, trim: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  const header = Object.keys(records[0]?.record ?? {}).length;
  for (const { record, info } of records) {
    if (Object.keys(record).length !== header) problems.push({ line: info.lines, error: `expected ${header} columns` });
    else rows.push({ line: info.lines, value: record });
  }
  return { rows, problems };
}
