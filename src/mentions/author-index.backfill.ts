import { Injectable } from '@nestjs/common';
import { urlHash } from '../core/privacy/subject.js';
import { PurgeMarks } from '../platform/database/purge-marks.repository.js';
import { AuthorIndexRepository } from './author-index.repository.js';
import { MentionsPersonalDataRepository } from './personal-data.repository.js';

export interface BackfillProgress {
  day: string;
  mentions: number;
  entries: number;
  daysDone: number;
  daysTotal: number;
}

const MARK = 'author-index-backfill';

/**
 * Files mentions stored before the author index existed (or while it was not written) in the index, so
 * an access or erasure request by author or link finds them. It reads each day partition once, oldest
 * first, `batch` mentions a step with a pause between steps, and inserts index entries (insert-only: an
 * entry already there is left as it is). A mark records the last day finished, so a run that is stopped
 * resumes from it, and a later run reads only that day and the newer ones.
 */
@Injectable()
export class AuthorIndexBackfill {
  constructor(
    private readonly repo: MentionsPersonalDataRepository,
    private readonly index: AuthorIndexRepository,
    private readonly marks: PurgeMarks,
  ) {}

  async run(opts: { batch: number; pauseMs: number; progress: (p: BackfillProgress) => void }): Promise<{ days: number; mentions: number; entries: number }> {
    const from = await this.marks.before(MARK);
    // The mark names the last day finished: it is read again (mentions may have joined it since).
    const days = (await this.repo.days('mentions_')).filter((d) => d >= from);
    const total = { days: 0, mentions: 0, entries: 0 };
    for (const day of days) {
      let mentions = 0;
      let entries = 0;
      for await (const docs of this.repo.authorsOf(day, opts.batch)) {
        const batch: { hash: string; key: string; day: string }[] = [];
        for (const d of docs) {
          if (d.author?.hash) batch.push({ hash: d.author.hash, key: d._id, day });
          if (d.url) batch.push({ hash: urlHash(d.url), key: d._id, day });
        }
        await this.index.record(batch);
        mentions += docs.length;
        entries += batch.length;
        if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
      }
      await this.marks.advance(MARK, day);
      total.days++;
      total.mentions += mentions;
      total.entries += entries;
      opts.progress({ day, mentions, entries, daysDone: total.days, daysTotal: days.length });
    }
    return total;
  }
}
