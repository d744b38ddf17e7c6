import type { Command } from 'commander';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { labelledEventSchema, type LabelledEvent, type LabelledScore } from '../core/backtest/labelled-events.js';
import { SEVERITIES } from '../core/rules/alert.js';
import { BacktestInputError, backtestPeriod, candidateRules } from '../backtest/backtest-request.js';
import { BacktestService, type BacktestReport } from '../backtest/backtest.service.js';
import { withServices } from './context.js';

const RULE_FILE = /^alerts.*\.ya?ml$/;

/** The alerts*.yaml files of DIR, validated; the first broken one stops the backtest (nothing is half-tested). */
function readCandidates(dir: string) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BacktestInputError(`--rules ${dir}: no such folder (give the folder holding your alerts*.yaml files)`);
  const files = readdirSync(dir).filter((f) => RULE_FILE.test(f)).sort();
  if (files.length === 0) throw new BacktestInputError(`--rules ${dir}: no alerts*.yaml file in this folder`);
  return files.map((f) => candidateRules(readFileSync(join(dir, f), 'utf8'), join(dir, f)));
}

/** Labelled events, one JSON object a line: {"start", "end", "brand"?, "name"?}. */
function readLabels(file: string): LabelledEvent[] {
  if (!existsSync(file)) throw new BacktestInputError(`--labels ${file}: no such file (JSONL, one {"start": ISO time, "end": ISO time, "brand"?, "name"?} a line)`);
  const out: LabelledEvent[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new BacktestInputError(`${file}:${i + 1}: not JSON; each line is {"start": ISO time, "end": ISO time, "brand"?, "name"?}`);
    }
    const r = labelledEventSchema.safeParse(json);
    if (!r.success) throw new BacktestInputError(`${file}:${i + 1}: ${r.error.issues.map((is) => `${is.path.join('.') || '(line)'}: ${is.message}`).join('; ')}`);
    out.push(r.data);
  });
  return out;
}

const minute = (d: Date) => `${d.toISOString().slice(0, 16)}Z`;

function labelLine(who: string, s: LabelledScore): string {
  return `  ${who}: caught ${s.detected} of ${s.detected + s.missed}, ${s.falseIncidents} incident(s) outside them${s.medianDelayMinutes === undefined ? '' : `, median delay ${s.medianDelayMinutes} min`}`;
}

/** The report as text: a summary table, then every alert the candidate rules would have sent. */
export function formatReport(r: BacktestReport): string {
  const lines = [`backtest ${minute(r.from)} .. ${minute(r.to)}, brands: ${r.brands.join(', ') || '(none)'}; ${r.bucketsRead} buckets replayed (detector warm-up included)`];
  const opened = Object.entries(r.signalsOpened);
  lines.push(`signals the detectors would have opened: ${opened.length ? opened.map(([k, n]) => `${k} ${n}`).join(', ') : 'none'}`);
  lines.push('', `${'alerts'.padEnd(18)}${SEVERITIES.map((s) => s.padStart(5)).join('')}  incidents`);
  for (const [name, sev, incidents] of [['candidate rules', r.candidate.bySeverity, r.candidate.incidents.length], ['current rules', r.current.bySeverity, r.current.incidents.length], ['did fire', r.firedBySeverity, undefined]] as const) {
    lines.push(`${name.padEnd(18)}${SEVERITIES.map((s) => String(sev[s]).padStart(5)).join('')}  ${incidents ?? ''}`.trimEnd());
  }
  lines.push('', 'candidate rules would have sent:');
  for (const a of r.candidate.alerts) lines.push(`  ${minute(a.at)}  ${a.severity}  ${a.reason.padEnd(6)}  ${a.groupKey}${a.incident ? `  incident #${a.incident}` : ''}  ${a.title}`);
  if (r.candidate.alerts.length === 0) lines.push('  nothing');
  if (r.labels) lines.push('', 'labelled events:', labelLine('candidate rules', r.labels.candidate), labelLine('current rules', r.labels.current));
  return `${lines.join('\n')}\n`;
}

/** `goldenhour backtest [--rules DIR] [--since 30d] [--brand B] [--labels FILE] [--json]`. */
export function register(program: Command): void {
  program
    .command('backtest')
    .description('replay the stored buckets of a past period through detection and the rules on a simulated clock, sending nothing; print what would have fired beside the current rules and what did fire')
    .option('--rules <dir>', 'folder of alerts*.yaml files laid over the current rules (same ids replace, enabled: false switches off)')
    .option('--since <duration>', `how far back from --until (at most 31d)`, '30d')
    .option('--until <time>', 'end of the period (ISO 8601); default now')
    .option('--brand <id>', 'one brand; default every brand')
    .option('--labels <file>', 'JSONL of labelled events {"start","end","brand"?,"name"?} to score both rule sets against')
    .option('--json', 'print the full report as JSON')
    .action(async (o: { rules?: string; since: string; until?: string; brand?: string; labels?: string; json?: boolean }) => {
      try {
        const until = o.until ? new Date(o.until) : new Date();
        if (Number.isNaN(until.getTime())) throw new BacktestInputError(`--until ${o.until}: not a time (ISO 8601, e.g. 2026-11-20T08:00:00Z)`);
        const { from, to } = backtestPeriod(o.since, until);
        const candidate = o.rules ? readCandidates(o.rules) : [];
        const labels = o.labels ? readLabels(o.labels) : undefined;
        const report = await withServices((app) => app.get(BacktestService).run({ from, to, brand: o.brand, candidate, labels }), { quiet: true });
        process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      } catch (err) {
        if (!(err instanceof BacktestInputError)) throw err;
        process.stderr.write(`goldenhour backtest: ${err.message}\n`);
        process.exitCode = 2;
      }
    });
}
