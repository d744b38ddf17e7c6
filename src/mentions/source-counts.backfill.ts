import { Injectable } from '@nestjs/common';
import { MentionsPersonalDataRepository } from './personal-data.repository.js';
import { SourceCountsRepository } from './source-counts.repository.js';

/**
 * Source counts for mentions stored before they were counted (versions without `sources_*`): each day
 * partition of mentions that has no source counts is read once and its mentions counted by brand, source
 * and hour, as ingest would have. The deltas are named (`backfill`), so a run stopped half-way and run
 * again counts nothing twice; days already counted are left as they are.
 */
@Injectable()
export class SourceCountsBackfill {
  constructor(
    private readonly mentions: MentionsPersonalDataRepository,
    private readonly counts: SourceCountsRepository,
  ) {}

  async run(progress: (line: string) => void = () => undefined): Promise<{ days: number; mentions: number }> {
    const counted = new Set(await this.counts.days());
    const days = (await this.mentions.days('mentions_')).filter((d) => !counted.has(d));
    const total = { days: 0, mentions: 0 };
    for (const day of days) {
      const all = await this.mentions.countedOf(day);
      // One payload per brand and day: the whole day is counted at once, under one name.
      await this.counts.add(all, `backfill-${day}`);
      total.days++;
      total.mentions += all.length;
      progress(`source counts of ${day}: ${all.length} mentions`);
    }
    return total;
  }
}
