// bench:scale's command line: sizes, counts, budgets and where seeded histories are kept.
import { resolve } from 'node:path';

export interface Options {
  sizes: number[];
  newCount: number;
  reseenCount: number;
  clients: number;
  perRequest: number;
  runs: number;
  seedBatch: number;
  replayMentions: number;
  /** Longest any one measurement may take, ms (seeding is not bounded: the size must be reached). */
  budgetMs: number;
  /** Longest the replay may take, ms (--replay-budget; --budget when not given). */
  replayBudgetMs: number;
  keep: boolean;
  /** Folder whose per-size databases are seeded once and reused (--data). */
  dataRoot?: string;
  seedOnly: boolean;
}

export function parseOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const o: Options = quick
    ? { sizes: [2000, 10_000], newCount: 1000, reseenCount: 500, clients: 4, perRequest: 100, runs: 10, seedBatch: 500, replayMentions: 1200, budgetMs: 120_000, replayBudgetMs: 0, keep: false, seedOnly: false }
    : { sizes: [10_000, 100_000, 1_000_000], newCount: 5000, reseenCount: 2000, clients: 4, perRequest: 100, runs: 20, seedBatch: 500, replayMentions: 1200, budgetMs: 300_000, replayBudgetMs: 0, keep: false, seedOnly: false };
  const num = (i: number, name: string) => {
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number (got ${argv[i + 1]})`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--sizes') {
      o.sizes = (argv[++i] ?? '').split(',').map((s) => Number(s.replace(/_/g, '').trim()));
      if (!o.sizes.length || o.sizes.some((s) => !Number.isInteger(s) || s <= 0)) throw new Error('--sizes takes positive integers separated by commas, e.g. --sizes 2000,20000');
    } else if (a === '--new') o.newCount = num(i++, a);
    else if (a === '--reseen') o.reseenCount = num(i++, a);
    else if (a === '--clients') o.clients = num(i++, a);
    else if (a === '--per-request') o.perRequest = num(i++, a);
    else if (a === '--runs') o.runs = num(i++, a);
    else if (a === '--budget') o.budgetMs = num(i++, a) * 1000;
    else if (a === '--replay-budget') o.replayBudgetMs = num(i++, a) * 1000;
    else if (a === '--keep') o.keep = true;
    else if (a === '--seed-only') o.seedOnly = true;
    else if (a === '--data') {
      if (!argv[i + 1]) throw new Error('--data needs a folder, e.g. --data /var/tmp/gh-scale');
      o.dataRoot = resolve(argv[++i]!);
    }
    else if (a !== '--quick') throw new Error(`unknown option ${a} (options: --sizes a,b,c  --quick  --new N  --reseen N  --clients N  --per-request N  --runs N  --budget SECONDS  --replay-budget SECONDS  --keep  --data DIR  --seed-only)`);
  }
  o.sizes.sort((a, b) => a - b);
  o.replayBudgetMs ||= o.budgetMs;
  if (o.seedOnly && !o.dataRoot) throw new Error('--seed-only needs --data DIR (where the seeded databases are kept)');
  return o;
}
