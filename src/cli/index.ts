import { Command, CommanderError } from 'commander';

/**
 * The `goldenhour` command: one file per subcommand, each exporting `register(program)`.
 * Subcommands call the same services the daemon uses. Returns the process exit code.
 */
type Registrar = { register(program: Command): void };

const subcommands: Array<() => Promise<Registrar>> = [
  () => import('./check.js'),
  () => import('./token.js'),
  () => import('./import.js'),
  () => import('./reanalyze.js'),
  () => import('./sentiment.js'),
  () => import('./learn.js'),
  () => import('./draft-check.js'),
  () => import('./detect.js'),
  () => import('./scrape.js'),
  () => import('./replay.js'),
  () => import('./backtest.js'),
  () => import('./migrate.js'),
  () => import('./privacy.js'),
  () => import('./status.js'),
];

export async function main(argv: string[]): Promise<number> {
  const program = new Command('goldenhour')
    .description('brand-reputation and crisis-monitoring daemon')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const load of subcommands) (await load()).register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(`goldenhour: ${(err as Error).message}\n`);
    return 1;
  }
}
