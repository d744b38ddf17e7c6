import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Case } from '../core/cases/case.js';
import { readCase, type StoredCase } from '../core/cases/stored-case.js';
import type { HeldCopy, KindCounts, SubjectMentions } from '../core/privacy/holder.js';
import type { RetentionCutoffs } from '../core/privacy/retention.js';
import { casePastRetention, dayStartOf } from '../core/privacy/retention-copies.js';
import { TextCopies, TextCopiesHolder } from '../platform/database/text-copies.js';
import { CaseQueueRepository } from './case-queue.repository.js';

/**
 * Copies of people's posts in a case's text, snippet and author: found and erased by their texts and links.
 * Under retention, a case resolved before the mentions' cutoff (`mentionDays`) keeps its history, clock
 * and counts and loses its text, title, link, author and mention texts (open cases keep theirs: someone
 * still has to answer them). Staged queue entries are folded into their partitions first, so each copy
 * is found where it stays.
 */
@Injectable()
export class CasesPersonalData extends TextCopiesHolder {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly queue: CaseQueueRepository,
  ) {
    super('cases', new TextCopies(() => connection.db!, /^(cases_open|cases_closed|case_queue_(?!keys$|pages$|dir_).+)$/, 'caseCopy', ['e', 'm']));
  }

  /** The copies held; a case document is shown as the case reads (its stored form leaves out repeated fields). */
  override async find(s: SubjectMentions): Promise<HeldCopy[]> {
    await this.queue.fold();
    return (await super.find(s)).map((h) => (/^cases_(open|closed)\//.test(h.where) ? { ...h, data: readCase(h.data as StoredCase) } : h));
  }

  override async erase(s: SubjectMentions): Promise<void> {
    await this.queue.fold();
    await super.erase(s);
  }

  async purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts> {
    const closed = this.connection.db!.collection<Case & { textPurgedAt?: Date }>('cases_closed');
    const before = dayStartOf(c.mentionDay);
    let caseCopy = 0;
    for (;;) {
      // On a MongoDB server: index {resolvedAt: 1} on cases_closed (resolved cases due, not yet purged).
      const docs = await closed.find({ resolvedAt: { $lt: before }, textPurgedAt: { $exists: false } }, { projection: { text: 1, title: 1, url: 1, author: 1, mentions: 1 } }).limit(batch).toArray();
      for (const d of docs) {
        const { url: _gone, title, ...kept } = casePastRetention(d);
        await closed.updateOne({ _id: d._id }, { $set: { ...kept, ...(title === undefined ? {} : { title }), textPurgedAt: before }, $unset: { url: '' } });
        caseCopy++;
      }
      if (docs.length < batch) return { caseCopy };
      await pause();
    }
  }
}
