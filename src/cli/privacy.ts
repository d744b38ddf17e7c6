import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { AuthorIndexBackfill } from '../mentions/author-index.backfill.js';
import { PrivacyService } from '../privacy/privacy.service.js';
import { RetentionJob } from '../privacy/retention.job.js';
import { subjectOf, subjectQuery } from '../privacy/subject-query.js';
import { withServices } from './context.js';

interface SubjectOptions {
  platform?: string;
  author?: string;
  mention?: string;
  url?: string;
  by?: string;
}

/**
 * `goldenhour privacy export|erase|purge|backfill`: access and erasure requests from the command line (the
 * same services as `GET/DELETE /api/v1/privacy/subjects`), a retention purge pass on demand, and the
 * author-index backfill of mentions stored before the index existed.
 */
export function register(program: Command): void {
  const privacy = program.command('privacy').description('personal data: export or erase what is held about a person; purge what is past retention');
  const subject = (c: Command) =>
    c
      .option('--platform <platform>', 'platform of the author (weibo, douyin, jd, …)')
      .option('--author <handle>', 'the author\'s handle (or display name where the platform has none)')
      .option('--mention <id>', 'a mention id "platform:externalId" (its author\'s other mentions are included)')
      .option('--url <url>', 'the link of one of their posts')
      .option('--by <name>', 'who asks, for the erasure record and the audit log', `cli:${userInfo().username}`);
  subject(privacy.command('export').description('print one JSON document with every copy of the person\'s data')).action(async (o: SubjectOptions) => {
    const s = subjectOf(parseSubject(o));
    const doc = await withServices((app) => app.get(PrivacyService).export(s, o.by!), { quiet: true });
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  });
  subject(privacy.command('erase').description('erase every copy of the person\'s data (counts in the ledger stay); resumes an erasure that was interrupted'))
    .option('--pause-ms <ms>', 'pause between steps, to spare a database that is busy ingesting', '0')
    .action(async (o: SubjectOptions & { pauseMs: string }) => {
      const s = subjectOf(parseSubject(o));
      const record = await withServices((app) => app.get(PrivacyService).erase(s, o.by!, { pauseMs: Number(o.pauseMs) || 0 }), { quiet: true });
      process.stdout.write(`${JSON.stringify(record)}\n`);
    });
  privacy
    .command('backfill')
    .description('file mentions stored before the author index existed in it, so requests by author or link find them; resumable, one day partition after another')
    .option('--batch <n>', 'mentions read and filed per step', '500')
    .option('--pause-ms <ms>', 'pause between steps, to spare a database that is busy ingesting', '20')
    .action(async (o: { batch: string; pauseMs: string }) => {
      const batch = Number(o.batch);
      if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new Error(`--batch: a whole number from 1 to 10000 (got "${o.batch}")`);
      const total = await withServices(
        (app) =>
          app.get(AuthorIndexBackfill).run({
            batch,
            pauseMs: Number(o.pauseMs) || 0,
            progress: (p) => process.stderr.write(`author index: ${p.day} ${p.mentions} mentions, ${p.entries} entries (${p.daysDone}/${p.daysTotal} days)\n`),
          }),
        { quiet: true },
      );
      process.stdout.write(`${JSON.stringify(total)}\n`);
    });
  privacy
    .command('purge')
    .description('remove now what is past retention (the daemon does this on its schedule)')
    .action(async () => {
      const removed = await withServices((app) => app.get(RetentionJob).purge(), { quiet: true });
      process.stdout.write(`${JSON.stringify({ removed })}\n`);
    });
}

function parseSubject(o: SubjectOptions) {
  const r = subjectQuery.safeParse({ platform: o.platform, author: o.author, mention: o.mention, url: o.url });
  if (!r.success) throw new Error(r.error.issues.map((i) => `--${i.path.join('.') || 'author/--mention/--url'}: ${i.message}`).join('; '));
  return r.data;
}
