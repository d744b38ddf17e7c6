import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../core/privacy/holder.js';
import type { RetentionCutoffs } from '../core/privacy/retention.js';
import { EvidenceCopies } from '../platform/database/evidence-copies.js';

/**
 * Copies of mention text in alert evidence and in alert groups' signals. The notifications sent about
 * them are the notifications module's (NotificationsPersonalData).
 */
@Injectable()
export class AlertsPersonalData implements PersonalDataHolder {
  readonly name = 'alerts';
  private readonly alerts: EvidenceCopies;
  private readonly groups: EvidenceCopies;

  constructor(@InjectModel('Alert') alerts: Model<unknown>, @InjectModel('AlertGroup') groups: Model<unknown>) {
    this.alerts = new EvidenceCopies(alerts.collection as never, { kind: 'alertEvidence', path: 'evidence.topMentions', timeField: 'createdAt', causePath: 'evidence.cause' });
    this.groups = new EvidenceCopies(groups.collection as never, { kind: 'alertEvidence', path: 'signals.*.topMentions', timeField: 'openedAt' });
  }

  async find(s: SubjectMentions): Promise<HeldCopy[]> {
    return [...(await this.alerts.find(s)), ...(await this.groups.find(s))];
  }

  async erase(s: SubjectMentions): Promise<void> {
    await this.alerts.erase(s);
    await this.groups.erase(s);
  }

  async purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts> {
    return { alertEvidence: (await this.alerts.purge(c.evidenceBefore, batch, pause)) + (await this.groups.purge(c.evidenceBefore, batch, pause)) };
  }
}
