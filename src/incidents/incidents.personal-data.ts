import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../core/privacy/holder.js';
import type { RetentionCutoffs } from '../core/privacy/retention.js';
import { EvidenceCopies } from '../platform/database/evidence-copies.js';

/** Copies of mention text in incident evidence (`incidents.evidence.topMentions`); the timeline and counts stay. */
@Injectable()
export class IncidentsPersonalData implements PersonalDataHolder {
  readonly name = 'incidents';
  private readonly copies: EvidenceCopies;

  constructor(@InjectModel('Incident') model: Model<unknown>) {
    this.copies = new EvidenceCopies(model.collection as never, { kind: 'incidentEvidence', path: 'evidence.topMentions', timeField: 'openedAt' });
  }

  find(s: SubjectMentions): Promise<HeldCopy[]> {
    return this.copies.find(s);
  }

  erase(s: SubjectMentions): Promise<void> {
    return this.copies.erase(s);
  }

  async purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts> {
    return { incidentEvidence: await this.copies.purge(c.evidenceBefore, batch, pause) };
  }
}
