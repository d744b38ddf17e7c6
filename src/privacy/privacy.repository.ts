import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { KindCounts } from '../core/privacy/holder.js';
import { dropCounted } from '../platform/database/drop-counted.js';
import { duplicateKeyIndexes } from '../platform/database/duplicate-keys.js';

/** An erasure in progress: `_id` is the subject's id, so a second request for the same person resumes it. */
export interface ErasureJob {
  _id: string;
  record: string;
  subject: string;
  by: string;
  requestedAt: Date;
  /** Copies found when the job started, by kind: what the record will say was erased. */
  found: KindCounts;
  /** Holders already done, in order. */
  done: string[];
  /** Working set while it runs (mention keys and index hashes); gone with the job. */
  work: { mentions: { key: string; day: string }[]; hashes: string[]; names?: string[] };
}

/** What an erasure leaves behind: kinds and counts, when, by whom; never the erased data. */
export interface ErasureRecord {
  _id: string;
  subject: string;
  by: string;
  requestedAt: Date;
  finishedAt: Date;
  erased: KindCounts;
}

export interface AuditEvent {
  at: Date;
  action: 'export' | 'erase' | 'read-evidence' | 'read-mentions' | 'read-audit';
  by: string;
  role?: string;
  target?: string;
}

/**
 * The privacy collections: `privacy_jobs` (erasures in progress, one per subject), `privacy_erasures`
 * (one record per finished erasure) and `audit_YYYYMM` (who exported, erased or read personal data,
 * a collection per UTC month so retention drops whole months).
 */
@Injectable()
export class PrivacyRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col<T extends { _id?: unknown }>(name: string) {
    return this.connection.db!.collection<T>(name);
  }

  async job(subject: string): Promise<ErasureJob | null> {
    return (await this.col<ErasureJob>('privacy_jobs').findOne({ _id: subject })) as ErasureJob | null;
  }

  /** Stores a new job; returns the one already there when another process started it first. */
  async startJob(job: ErasureJob): Promise<ErasureJob> {
    try {
      await this.col<ErasureJob>('privacy_jobs').insertOne(job);
      return job;
    } catch (err) {
      if (!duplicateKeyIndexes(err)) throw err;
      return (await this.job(job._id))!;
    }
  }

  async stepDone(subject: string, done: string[]): Promise<void> {
    await this.col<ErasureJob>('privacy_jobs').updateOne({ _id: subject }, { $set: { done } });
  }

  /** Writes the record (once: its id is the job's) and removes the job with its working set. */
  async finish(job: ErasureJob, record: ErasureRecord): Promise<void> {
    try {
      await this.col<ErasureRecord>('privacy_erasures').insertOne(record);
    } catch (err) {
      if (!duplicateKeyIndexes(err)) throw err;
    }
    await this.col<ErasureJob>('privacy_jobs').deleteOne({ _id: job._id });
  }

  async erasures(limit: number): Promise<ErasureRecord[]> {
    return (await this.col<ErasureRecord>('privacy_erasures').find({}).sort({ finishedAt: -1 }).limit(limit).toArray()) as ErasureRecord[];
  }

  async audit(e: AuditEvent): Promise<void> {
    await this.col(auditCollection(e.at)).insertOne({ ...e });
  }

  /** Audit events in [from, to), newest first, from the months of that range only. */
  async auditEvents(from: Date, to: Date, limit: number): Promise<AuditEvent[]> {
    const out: AuditEvent[] = [];
    for (const month of (await this.auditMonths()).filter((m) => m >= monthOf(from) && m <= monthOf(to)).reverse()) {
      // On a MongoDB server: the newest events of a month (index { at: -1 }).
      out.push(...((await this.col<AuditEvent & { _id?: unknown }>(`audit_${month}`).find({ at: { $gte: from, $lt: to } }, { projection: { _id: 0 } }).sort({ at: -1 }).limit(limit - out.length).toArray()) as AuditEvent[]));
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Drops audit months before `month` (`YYYYMM`); returns the events dropped. */
  async dropAuditBefore(month: string): Promise<number> {
    let n = 0;
    for (const m of await this.auditMonths()) {
      if (m >= month) continue;
      n += await dropCounted(this.connection.db!, `audit_${m}`);
    }
    return n;
  }

  private async auditMonths(): Promise<string[]> {
    const names = (await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    return names.filter((n) => /^audit_\d{6}$/.test(n)).map((n) => n.slice(6)).sort();
  }
}

const monthOf = (d: Date) => `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
const auditCollection = (d: Date) => `audit_${monthOf(d)}`;
