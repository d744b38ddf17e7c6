import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Alert } from '../core/rules/alert.js';
import type { GroupState } from '../core/rules/group-state.js';
import { ReadMemo } from '../platform/database/read-memo.js';

type AlertDoc = Omit<Alert, 'key'> & { _id: string };
type GroupDoc = Omit<GroupState, 'alertKey' | 'closedAt'> & { _id: string; closedAt: Date | null };

/** Alerts and their group states: the only code that touches those collections. */
@Injectable()
export class AlertsRepository {
  constructor(
    @InjectModel('Alert') private readonly alerts: Model<AlertDoc>,
    @InjectModel('AlertGroup') private readonly groups: Model<GroupDoc>,
    private readonly memo: ReadMemo,
  ) {}

  async openGroups(): Promise<GroupState[]> {
    const docs = await this.memo.read(this.groups.collection.collectionName, 'open', () => this.groups.find({ closedAt: null }).lean<GroupDoc[]>().exec());
    return docs.map(({ _id, closedAt, ...rest }) => ({ ...rest, alertKey: _id, ...(closedAt ? { closedAt } : {}) }));
  }

  /**
   * Stores open groups and deletes closed ones, so `alert_groups` holds only what is open and every
   * evaluation's read stays small however long the daemon runs (a closed group's history is its alert's
   * `endedAt`).
   */
  async saveGroups(states: readonly GroupState[]): Promise<void> {
    if (states.length === 0) return;
    await this.groups.bulkWrite(
      states.map(({ alertKey, ...rest }) =>
        rest.closedAt
          ? { deleteOne: { filter: { _id: alertKey } } }
          : { replaceOne: { filter: { _id: alertKey }, replacement: { ...rest, _id: alertKey, closedAt: null }, upsert: true } },
      ),
      { ordered: true },
    );
  }

  /** Deletes closed groups an earlier version kept (see saveGroups); returns how many. */
  async deleteClosedGroups(): Promise<number> {
    return (await this.groups.deleteMany({ closedAt: { $ne: null } }).exec()).deletedCount;
  }

  /** Stores the alert under its stable key: a repeat or update rewrites the same document. */
  async saveAlert(alert: Alert): Promise<void> {
    const { key, ...rest } = alert;
    await this.alerts.replaceOne({ _id: key }, { ...rest, _id: key }, { upsert: true }).exec();
  }

  /** Marks the alerts of closed groups as ended (alerts that never notified have no document and stay absent). */
  async markEnded(ended: readonly { alertKey: string; closedAt: Date }[]): Promise<void> {
    for (const { alertKey, closedAt } of ended) await this.alerts.updateOne({ _id: alertKey, endedAt: { $exists: false } }, { $set: { endedAt: closedAt } }).exec();
  }

  async listAlerts(q: { brand?: string; since?: Date; limit: number }): Promise<Alert[]> {
    const filter: Record<string, unknown> = {};
    if (q.brand) filter.brand = q.brand;
    if (q.since) filter.createdAt = { $gte: q.since };
    const docs = await this.alerts.find(filter).sort({ createdAt: -1 }).limit(q.limit).lean<AlertDoc[]>().exec();
    return docs.map(({ _id, ...rest }) => ({ ...rest, key: _id }));
  }

  async getAlert(key: string): Promise<Alert | undefined> {
    const doc = await this.alerts.findById(key).lean<AlertDoc>().exec();
    return doc ? { ...doc, key: doc._id } : undefined;
  }
}
