import { Injectable, Logger } from '@nestjs/common';
import { ErasureGeneration } from '../platform/database/erasure-generation.repository.js';
import { randomBytes } from 'node:crypto';
import { countCopies, type HeldCopy, type KindCounts, type PersonalDataHolder, type SubjectMentions } from '../core/privacy/holder.js';
import { describeSubject, subjectId, type Subject } from '../core/privacy/subject.js';
import { AlertsPersonalData } from '../alerts/alerts.personal-data.js';
import { CasesPersonalData } from '../cases/cases.personal-data.js';
import { DashboardService } from '../dashboards/dashboard.service.js';
import { SignalsPersonalData } from '../detection/signals.personal-data.js';
import { IncidentsPersonalData } from '../incidents/incidents.personal-data.js';
import { LabelsPersonalData } from '../learning/labels.personal-data.js';
import { MentionsPersonalData } from '../mentions/mentions.personal-data.js';
import { NotificationsPersonalData } from '../notifications/notifications.personal-data.js';
import { StoriesPersonalData } from '../stories/stories.personal-data.js';
import { Clock } from '../platform/clock.js';
import { PrivacyRepository, type ErasureRecord } from './privacy.repository.js';

/** One JSON document with everything held about a person (an access or portability request). */
export interface SubjectExport {
  subject: string;
  generatedAt: Date;
  counts: KindCounts;
  copies: HeldCopy[];
}

/**
 * Access and erasure requests. Erasure is a persisted job per person: the copies are counted first, then
 * each holder erases its copies in order (notifications and evidence before the mentions they quote) and
 * the job records each one done, so a process killed half-way leaves a job the next run finishes.
 */
@Injectable()
export class PrivacyService {
  private readonly logger = new Logger(PrivacyService.name);
  /** Erasure order: the mention documents go last, since the others are found through them. */
  private readonly holders: PersonalDataHolder[];

  constructor(
    private readonly repo: PrivacyRepository,
    private readonly mentions: MentionsPersonalData,
    alerts: AlertsPersonalData,
    notifications: NotificationsPersonalData,
    incidents: IncidentsPersonalData,
    signals: SignalsPersonalData,
    cases: CasesPersonalData,
    stories: StoriesPersonalData,
    labels: LabelsPersonalData,
    private readonly dashboards: DashboardService,
    private readonly clock: Clock,
    private readonly generation: ErasureGeneration,
  ) {
    this.holders = [alerts, notifications, incidents, signals, cases, stories, labels, mentions];
  }

  async export(subject: Subject, by: string): Promise<SubjectExport> {
    const s = await this.mentions.resolve(subject);
    const copies = await this.findAll(s);
    await this.repo.audit({ at: this.clock.now(), action: 'export', by, target: describeSubject(subject) });
    return { subject: describeSubject(subject), generatedAt: this.clock.now(), counts: countCopies(copies), copies };
  }

  /** Erases every copy of the subject's data (resuming an unfinished erasure of the same subject); `pauseMs` between holders spares a busy database. */
  async erase(subject: Subject, by: string, opts: { pauseMs?: number } = {}): Promise<ErasureRecord> {
    const id = subjectId(subject);
    let job = await this.repo.job(id);
    if (job) this.logger.log({ event: 'erasure_resumed', subject: job.subject, done: job.done });
    else {
      const s = await this.mentions.resolve(subject);
      const now = this.clock.now();
      job = await this.repo.startJob({ _id: id, record: `${now.toISOString()}|${randomBytes(4).toString('hex')}`, subject: describeSubject(subject), by, requestedAt: now, found: countCopies(await this.findAll(s)), done: [], work: { mentions: s.mentions, hashes: s.hashes, names: s.names } });
    }
    const s: SubjectMentions = { ...job.work, names: job.work.names ?? [], needles: await this.mentions.needles(job.work.mentions) };
    const done = [...job.done];
    for (const h of this.holders) {
      if (done.includes(h.name)) continue;
      await h.erase(s);
      done.push(h.name);
      await this.repo.stepDone(id, done);
      if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
    }
    const record: ErasureRecord = { _id: job.record, subject: job.subject, by: job.by, requestedAt: job.requestedAt, finishedAt: this.clock.now(), erased: job.found };
    await this.repo.finish(job, record);
    this.dashboards.forgetSnapshots();
    // Other processes (a daemon, when this is the command line) drop their snapshots on their next tick.
    await this.generation.bump(this.clock.now());
    await this.repo.audit({ at: this.clock.now(), action: 'erase', by, target: job.subject });
    this.logger.log({ event: 'erasure_done', subject: job.subject, erased: job.found });
    return record;
  }

  erasures(limit: number): Promise<ErasureRecord[]> {
    return this.repo.erasures(limit);
  }

  /** Copies of every holder; `counts` of a finished erasure are these, taken when it started. */
  private async findAll(s: SubjectMentions): Promise<HeldCopy[]> {
    const out: HeldCopy[] = [];
    for (const h of this.holders) out.push(...(await h.find(s)));
    return out;
  }

  /** The holders, for the purge job. */
  allHolders(): readonly PersonalDataHolder[] {
    return this.holders;
  }
}
