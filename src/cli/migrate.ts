import type { Command } from 'commander';
import { AlertsService } from '../alerts/alerts.service.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { LegacySignalsMigration } from '../detection/legacy-signals.js';
import { IncidentQueries } from '../incidents/incident-queries.service.js';
import { LegacyMentionsMigration } from '../mentions/legacy-migration.js';
import { SourceCountsBackfill } from '../mentions/source-counts.backfill.js';
import { BucketsService } from '../mentions/buckets.service.js';
import { StoriesService } from '../stories/stories.service.js';
import { withServices } from './context.js';

/**
 * `goldenhour migrate`: brings a database written by an earlier goldenhour into the current layout
 * (partitioned mentions and counter ledger, key claims by month, signal partitions, open-only alert groups, source
 * counts of mentions stored before sources were counted, day digests of the counter ledger, the recent stories' copies by hour, negative highlights by 6-hour block, the outbox's queue of unsent rows, incidents by month
 * and the list of open ones). Run it once with
 * the daemon stopped; it is safe to run again, and does nothing on a current database.
 */
export function register(program: Command): void {
  program
    .command('migrate')
    .description('move a database of an earlier goldenhour into the current layout (run once, daemon stopped; safe to repeat)')
    .action(async () => {
      const r = await withServices(async (app) => {
        const mentions = await app.get(LegacyMentionsMigration).run((line) => process.stderr.write(`goldenhour migrate: ${line}\n`));
        // Key claims of the single `mention_keys` collection into their month partitions (retention drops those).
        const mentionKeys = await app.get(LegacyMentionsMigration).migrateKeys();
        const signals = await app.get(LegacySignalsMigration).run();
        const closedAlertGroups = await app.get(AlertsService).dropClosedGroups();
        // Mentions stored before sources were counted: the cause summary's "sources growing" reads these counts.
        const sourceCounts = await app.get(SourceCountsBackfill).run((line) => process.stderr.write(`goldenhour migrate: ${line}\n`));
        // Each day of counters summed into hours, what dashboards over whole days read (counters written before digests), and negative highlights of whole days or hours regrouped into 6-hour blocks.
        const ledgerDigests = await app.get(BucketsService).digestMissingDays();
        // The recent story days' latest summaries copied by hour, what a detection pass reads (see StoryPass).
        const storyCopies = await app.get(StoriesService).copyMissingDays(new Date());
        const queuedOutboxRows = await app.get(OutboxService).queueUnsentRows();
        const keyedOutboxRows = await app.get(OutboxService).keyEarlierRows();
        // Incidents into month partitions, then the unresolved ones listed in `incidents_open`.
        const { moved: incidentsPartitioned, open: openIncidents } = await app.get(IncidentQueries).migrate();
        return { mentions, mentionKeys, signals, closedAlertGroups, sourceCounts, ledgerDigests, storyCopies, queuedOutboxRows, keyedOutboxRows, incidentsPartitioned, openIncidents };
      }, { quiet: true });
      process.stdout.write(`${JSON.stringify(r)}\n`);
    });
}
