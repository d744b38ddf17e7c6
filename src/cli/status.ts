import type { Command } from 'commander';
import { statusLines } from '../core/jobs/cluster-status.js';
import { ClusterService } from '../platform/cluster/cluster.service.js';
import { withServices } from './context.js';

/** `goldenhour status`: the daemons on this database, job leases and runs (as GET /api/v1/cluster shows them). */
export function register(program: Command): void {
  program
    .command('status')
    .description('list live daemons, who holds which job lease since when, and each job\'s last and next run')
    .option('--json', 'print the status as one JSON document')
    .action(async (o: { json?: boolean }) => {
      const status = await withServices((app) => app.get(ClusterService).status(), { quiet: true });
      process.stdout.write(o.json ? `${JSON.stringify(status)}\n` : `${statusLines(status).join('\n')}\n`);
    });
}
