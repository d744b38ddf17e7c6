import type { Command } from 'commander';
import { ROLES, type Role } from '../platform/auth/roles.decorator.js';
import { TokensService } from '../platform/auth/tokens.service.js';
import { withServices } from './context.js';

/** `goldenhour token create|list|revoke`: API tokens, stored hashed; a token is shown once. */
export function register(program: Command): void {
  const token = program.command('token').description('manage API tokens');
  token
    .command('create')
    .description('create a token and print it (shown once)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'who or what uses it', 'cli')
    .action(async (o: { role: string; name: string }) => {
      if (!ROLES.includes(o.role as Role)) throw new Error(`--role: "${o.role}" is not one of ${ROLES.join(', ')}`);
      const created = await withServices((app) => app.get(TokensService).create(o.name, o.role as Role), { quiet: true });
      process.stdout.write(`${created.token}\n`);
      process.stderr.write(`created ${o.role} token ${created.id} for "${o.name}"\n`);
    });
  token
    .command('list')
    .description('list tokens (ids, names, roles; never secrets)')
    .action(async () => {
      const list = await withServices((app) => app.get(TokensService).list(), { quiet: true });
      for (const t of list) process.stdout.write(`${JSON.stringify(t)}\n`);
    });
  token
    .command('revoke')
    .argument('<id>', 'token id')
    .action(async (id: string) => {
      const ok = await withServices((app) => app.get(TokensService).revoke(id), { quiet: true });
      if (!ok) throw new Error(`no active token ${id}`);
      process.stderr.write(`revoked ${id}\n`);
    });
}
