import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model, mongo } from 'mongoose';
import { incidentMonth, monthsOpenedIn } from '../core/incidents/incident-months.js';
import { insertKeepingFirst } from '../platform/database/duplicate-keys.js';
import type { Incident } from './incident.js';
import { IncidentSchema } from './incident.schema.js';

/** The unpartitioned collection: every incident of a database written before partitions (until `goldenhour migrate`). */
export const UNPARTITIONED = 'incidents';
const NAME = /^incidents_(\d{6})$/;
const WRITE_CHUNK = 200;
/** The schema of every partition, made without waiting on collection and index creation at first use. */
const PARTITION_SCHEMA = IncidentSchema.clone().set('autoCreate', false).set('autoIndex', false);

/**
 * Where incidents are stored: `incidents_YYYYMM` by the month their id names (core/incidents/incident-months.ts).
 * On the embedded database any update or delete decodes its whole collection, even by `_id`, so each write
 * costs one month of incidents instead of the whole history; reads of a period read its months only.
 * Each partition gets the schema's indexes when its model is made. While the unpartitioned collection
 * exists, an incident not found in its month is looked for there.
 */
@Injectable()
export class IncidentPartitions {
  private unpartitioned: Promise<boolean> | null = null;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  /** The collection that holds (or will hold) an incident: its month's, or the unpartitioned one for an incident stored there. */
  async of(id: string): Promise<Model<Incident>> {
    const month = incidentMonth(id);
    if (!month) return this.model(UNPARTITIONED);
    const own = this.model(`incidents_${month}`);
    if (!(await this.hasUnpartitioned()) || (await own.exists({ _id: id }).exec())) return own;
    const old = this.model(UNPARTITIONED);
    return (await old.exists({ _id: id }).exec()) ? old : own;
  }

  /** The collections that may hold incidents opened in [from, to), newest month first, the unpartitioned one last. */
  async openedIn(from?: Date, to?: Date): Promise<Model<Incident>[]> {
    const months = monthsOpenedIn(await this.months(), from, to).reverse();
    return [...months.map((m) => this.model(`incidents_${m}`)), ...((await this.hasUnpartitioned()) ? [this.model(UNPARTITIONED)] : [])];
  }

  /** Every collection holding incidents (erasure, exports). */
  all(): Promise<Model<Incident>[]> {
    return this.openedIn();
  }

  /**
   * `goldenhour migrate`: copies the unpartitioned collection into month partitions (a copy already made is
   * kept, so a re-run after a crash completes it), then drops it; returns the incidents moved.
   */
  async migrate(): Promise<number> {
    this.unpartitioned = null;
    if (!(await this.hasUnpartitioned())) return 0;
    const old = this.db().collection<mongo.Document>(UNPARTITIONED);
    const byMonth = new Map<string, mongo.Document[]>();
    let kept = 0;
    for await (const doc of old.find({}).batchSize(WRITE_CHUNK)) {
      const month = incidentMonth(String(doc._id));
      if (month) (byMonth.get(month) ?? byMonth.set(month, []).get(month)!).push(doc);
      else kept++;
    }
    let moved = 0;
    for (const [month, docs] of byMonth) {
      await insertKeepingFirst(this.model(`incidents_${month}`).collection as unknown as mongo.Collection<mongo.Document>, docs, WRITE_CHUNK);
      moved += docs.length;
    }
    // Ids of another shape stay where they are (none are made today); otherwise the old collection goes.
    if (kept) await old.deleteMany({ _id: { $in: [...byMonth.values()].flat().map((d) => d._id) } });
    else await this.db().dropCollection(UNPARTITIONED).catch(() => undefined);
    this.unpartitioned = null;
    return moved;
  }

  /** Month partitions (`YYYYMM`) that exist, oldest first. */
  private async months(): Promise<string[]> {
    const out: string[] = [];
    for (const c of await this.db().listCollections({}, { nameOnly: true }).toArray()) {
      const m = NAME.exec(c.name);
      if (m) out.push(m[1]!);
    }
    return out.sort();
  }

  /** Asked once per process (and again after a migration): `goldenhour migrate` runs with the daemon stopped. */
  private hasUnpartitioned(): Promise<boolean> {
    this.unpartitioned ??= this.db().listCollections({ name: UNPARTITIONED }, { nameOnly: true }).toArray().then((l) => l.length > 0);
    return this.unpartitioned;
  }

  private model(collection: string): Model<Incident> {
    if (collection === UNPARTITIONED) this.unpartitioned = Promise.resolve(true);
    const name = `Incident:${collection}`;
    const known = this.connection.models[name] as Model<Incident> | undefined;
    if (known) return known;
    const model = this.connection.model<Incident>(name, PARTITION_SCHEMA, collection);
    // Indexes declared beside the first use, never in its way (the first write creates the collection).
    void model.createIndexes().catch(() => undefined);
    return model;
  }

  private db(): mongo.Db {
    return this.connection.db!;
  }
}
