import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { parseCountSeries, SeriesFormatError, toCountPoints } from '../core/detection/count-series.js';
import { DETECTION_DEFAULTS, scanSeries, warmUpNote } from '../core/detection/scan.js';

async function readInput(file: string | undefined): Promise<string> {
  if (file && file !== '-') return readFileSync(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await new Promise<void>((done) => process.stdout.once('drain', done));
}

/**
 * `goldenhour detect [FILE]`: runs the daemon's volume-surge detector and signal lifecycle, with the
 * daemon's defaults, over a `timestamp,value` series read in time order.
 */
export function register(program: Command): void {
  program
    .command('detect')
    .description('read a CSV series "timestamp,value" (NAB format, any regular bucket size) from FILE or stdin; write "timestamp,value,score,alarm"')
    .argument('[file]', 'CSV input; stdin when omitted or "-"')
    .addHelpText('after', [
      '',
      'score: the surge strength (robust z-score of the strongest time scale, 0 when none is in excess).',
      'alarm: 1 on the rows where goldenhour would open a new volume-surge signal, 0 elsewhere',
      '(an ongoing surge, or one re-opening within the cooling period, raises no new alarm).',
      'Exit status: 0 on success, 2 when the input cannot be read or is not a count series.',
    ].join('\n'))
    .action(async (file: string | undefined) => {
      if (file && file !== '-' && !existsSync(file)) {
        process.stderr.write(`goldenhour detect: ${file}: no such file (give a CSV file "timestamp,value", or pipe it to stdin)\n`);
        process.exitCode = 2;
        return;
      }
      let series;
      try {
        series = parseCountSeries(await readInput(file), file && file !== '-' ? file : 'stdin');
      } catch (err) {
        if (!(err instanceof SeriesFormatError)) throw err;
        process.stderr.write(`goldenhour detect: ${err.message}\n`);
        process.exitCode = 2;
        return;
      }
      const { points, pointOfRow } = toCountPoints(series);
      const settings = { ...DETECTION_DEFAULTS, surge: { ...DETECTION_DEFAULTS.surge, bucketMinutes: series.bucketMinutes } };
      const scanned = scanSeries(points, { brand: 'series', kind: 'volume_surge', scope: {} }, settings).points;
      const note = warmUpNote(scanned, settings);
      if (note) process.stderr.write(`goldenhour detect: warning: ${note}\n`);
      let out = 'timestamp,value,score,alarm\n';
      for (let i = 0; i < series.rows.length; i++) {
        const row = series.rows[i]!;
        const p = scanned[pointOfRow[i]!]!;
        out += `${row.timestamp},${row.value},${p.evaluation.strength.toFixed(3)},${p.event === 'opened' ? 1 : 0}\n`;
        if (out.length > 65_536) {
          await write(out);
          out = '';
        }
      }
      await write(out);
    });
}
