import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../core/privacy/holder.js';
import type { RetentionCutoffs } from '../core/privacy/retention.js';
import { EvidenceCopies } from '../platform/database/evidence-copies.js';

/** Copies of mention text in signal evidence (`signals.evidence.topMentions`). */
@Injectable()
export class SignalsPersonalData implements PersonalDataHolder {
  readonly name = 'signals';
  private readonly copies: EvidenceCopies;

  constructor(@InjectModel('Signal') model: Model<unknown>) {
    this.copies = new EvidenceCopies(model.collection as never, { kind: 'signalEvidence', path: 'evidence.topMentions', timeField: 'startedAt' });
  }

  find(s: SubjectMentions): Promise<HeldCopy[]> {
    return this.copies.find(s);
  }

  erase(s: SubjectMentions): Promise<void> {
    return this.copies.erase(s);
  }

  async purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts> {
    return { signalEvidence: await this.copies.purge(c.evidenceBefore, batch, pause) };
  }
}
