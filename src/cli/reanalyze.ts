import type { Command } from 'commander';
import { ReanalyzeService } from '../mentions/reanalyze.service.js';
import { withServices } from './context.js';

/** `goldenhour reanalyze --since DATE`: re-runs the analysis on stored mentions, keeping bucket counters consistent. */
export function register(program: Command): void {
  program
    .command('reanalyze')
    .description('re-analyse stored mentions after a lexicon or crisis-term change; bucket counters follow')
    .requiredOption('--since <date>', 'mentions published at or after this time (ISO date or date-time)')
    .option('--until <date>', 'and before this time')
    .option('--brand <id>', 'only this brand')
    .option('--rebuild', 'also clear and recount the bucket counters of the range from the mentions')
    .action(async (o: { since: string; until?: string; brand?: string; rebuild?: boolean }) => {
      const since = new Date(o.since);
      if (Number.isNaN(since.getTime())) throw new Error(`--since: "${o.since}" is not a date (use e.g. 2026-11-01 or 2026-11-01T08:00:00Z)`);
      const until = o.until ? new Date(o.until) : undefined;
      if (until && Number.isNaN(until.getTime())) throw new Error(`--until: "${o.until}" is not a date`);
      const r = await withServices((app) => app.get(ReanalyzeService).run({ since, until, brand: o.brand, rebuild: o.rebuild }), { quiet: true });
      process.stdout.write(`${JSON.stringify(r)}\n`);
    });
}
