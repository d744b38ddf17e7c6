import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { QueryFilter, Model, UpdateQuery } from 'mongoose';
import type { IncidentState } from '../core/incidents/state-machine.js';
import type { Severity } from '../core/rules/alert.js';
import type { AuditEntry, Incident, IncidentNote } from './incident.js';
import { IncidentPartitions } from './incident-partitions.js';

export interface IncidentFilter {
  brand?: string;
  team?: string;
  owner?: string;
  severity?: Severity;
  state?: IncidentState;
  from?: Date;
  to?: Date;
}

interface OpenEntry {
  _id: string;
  brand: string;
  groupKey: string;
  story?: string;
  openedAt: Date;
}

/**
 * A change to one incident: fields to set (`milestones.x` names one milestone), fields to clear, the audit
 * entry that explains it and, for a note, the note. Services say what changes; only this file writes it.
 */
export interface IncidentChange {
  set: Record<string, unknown>;
  unset?: string[];
  audit: AuditEntry;
  note?: IncidentNote;
}

interface StepMarker {
  _id: string;
  incidentId: string;
  stepId: string;
  at: Date;
}

/**
 * The only code that touches the incidents (month partitions, see incident-partitions.ts), incidents_open and
 * incident_steps collections. Questions about unresolved incidents are answered from `incidents_open` (small),
 * then the incidents are read by `_id`; every write to an incident goes to its month's partition only, so the
 * conditions that keep two daemons or two people from both moving an incident stay atomic on MongoDB and cost
 * one month of incidents on the embedded database; period reads (board, stats) read the period's months.
 */
@Injectable()
export class IncidentsRepository {
  constructor(
    private readonly partitions: IncidentPartitions,
    @InjectModel('IncidentStep') private readonly steps: Model<StepMarker>,
    @InjectModel('OpenIncident') private readonly open: Model<OpenEntry>,
  ) {}

  /** Inserts the incident unless one with its key exists; true when this call created it. */
  async insertIfAbsent(incident: Incident): Promise<boolean> {
    if (incident.state !== 'resolved') await this.markOpen(incident);
    try {
      await (await this.partitions.of(incident._id)).create(incident);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async get(id: string): Promise<Incident | null> {
    return (await this.partitions.of(id)).findById(id).lean<Incident>().exec();
  }

  /** The unresolved incident of a story, if any (the newest, should a race have made two). */
  async findUnresolvedByStory(brand: string, story: string): Promise<Incident | null> {
    return (await this.openIncidents({ brand, story }, -1))[0] ?? null;
  }

  /** The unresolved incident for a group key, if any (the newest, should a race have made two). */
  async findUnresolvedByGroupKey(groupKey: string): Promise<Incident | null> {
    return (await this.openIncidents({ groupKey }, -1))[0] ?? null;
  }

  /** Adds an alert to an incident; true when the alert was not part of it before. */
  async join(id: string, alertKey: string, signalKeys: string[], set: Partial<Incident>, audit: AuditEntry): Promise<boolean> {
    const model = await this.partitions.of(id);
    const joined = await model
      .updateOne({ _id: id, alertKeys: { $ne: alertKey } }, { $push: { alertKeys: alertKey, audit } })
      .exec();
    await model.updateOne({ _id: id }, { $addToSet: { signalKeys: { $each: signalKeys } }, $set: set }).exec();
    return joined.modifiedCount === 1;
  }

  async list(filter: IncidentFilter, limit: number): Promise<Incident[]> {
    const out: Incident[] = [];
    // Newest month first; a month holds some incidents opened early in the next, so one more month is read after the limit is reached.
    let full = false;
    for (const model of await this.partitions.openedIn(filter.from, filter.to)) {
      out.push(...(await model.find(toQuery(filter)).sort({ openedAt: -1 }).limit(limit).lean<Incident[]>().exec()));
      if (full) break;
      full = out.length >= limit;
    }
    return out.sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime()).slice(0, limit);
  }

  /** Every unresolved incident, oldest first. */
  unresolved(): Promise<Incident[]> {
    return this.openIncidents({}, 1);
  }

  /** A brand's unresolved incidents, newest first. */
  unresolvedOf(brand: string): Promise<Incident[]> {
    return this.openIncidents({ brand }, -1);
  }

  /**
   * Applies a change only if the incident is still in `expected` state, so two people acting at once
   * cannot both move it; null when it moved meanwhile (or does not exist).
   */
  async update(id: string, expected: IncidentState, change: IncidentChange): Promise<Incident | null> {
    const update: UpdateQuery<Incident> = { $set: change.set, $push: { audit: change.audit, ...(change.note ? { notes: change.note } : {}) } };
    if (change.unset?.length) update.$unset = Object.fromEntries(change.unset.map((field) => [field, 1]));
    const updated = await (await this.partitions.of(id)).findOneAndUpdate({ _id: id, state: expected }, update, { returnDocument: 'after' }).lean<Incident>().exec();
    if (updated?.state === 'resolved') await this.open.deleteOne({ _id: id }).exec();
    else if (updated && expected === 'resolved') await this.markOpen(updated); // reopened
    return updated;
  }

  /** The unresolved incidents whose `incidents_open` entry matches the filter, read by `_id`. */
  private async openIncidents(filter: QueryFilter<OpenEntry>, order: 1 | -1): Promise<Incident[]> {
    const entries = await this.open.find(filter).sort({ openedAt: order }).lean<OpenEntry[]>().exec();
    const out: Incident[] = [];
    for (const e of entries) {
      const incident = await this.get(e._id);
      if (incident && incident.state !== 'resolved') out.push(incident);
      // A resolution whose entry removal was lost. (An entry without its incident may be one being written: kept.)
      else if (incident) await this.open.deleteOne({ _id: e._id }).exec();
    }
    return out;
  }

  private async markOpen(i: Pick<Incident, '_id' | 'brand' | 'groupKey' | 'story' | 'openedAt'>): Promise<void> {
    const entry = { brand: i.brand, groupKey: i.groupKey, openedAt: i.openedAt, ...(i.story ? { story: i.story } : {}) };
    await this.open.updateOne({ _id: i._id }, { $set: entry }, { upsert: true }).exec();
  }

  /**
   * `goldenhour migrate`: moves the incidents of an older database into month partitions, then lists the
   * unresolved ones in `incidents_open` (written before it existed); returns how many of each.
   */
  async migrate(): Promise<{ moved: number; open: number }> {
    const moved = await this.partitions.migrate();
    let open = 0;
    for (const model of await this.partitions.all()) {
      const found = await model.find({ state: { $ne: 'resolved' } }, { brand: 1, groupKey: 1, story: 1, openedAt: 1 }).lean<Incident[]>().exec();
      for (const i of found) await this.markOpen(i);
      open += found.length;
    }
    return { moved, open };
  }

  /** Claims an escalation step: true for exactly one caller per (incident, step), ever. */
  async claimStep(incidentId: string, stepId: string, at: Date): Promise<boolean> {
    try {
      await this.steps.create({ _id: `${incidentId}|${stepId}`, incidentId, stepId, at });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /**
   * Records a claimed step on the incident's clock with the marker's time, so repeating it (after a crash,
   * or from a replica that lost the claim) changes nothing; only the claimer passes an audit entry.
   */
  async recordStep(incidentId: string, stepId: string, audit?: AuditEntry): Promise<void> {
    const marker = await this.steps.findById(`${incidentId}|${stepId}`).lean<StepMarker>().exec();
    if (!marker) return;
    await (await this.partitions.of(incidentId))
      .updateOne({ _id: incidentId }, { $addToSet: { 'sla.firedSteps': { id: stepId, at: marker.at } }, ...(audit ? { $push: { audit } } : {}) })
      .exec();
  }

  /** Records a breach once; true for the call that recorded it. */
  async recordBreach(id: string, field: 'responseBreachedAt' | 'solutionBreachedAt', at: Date, audit: AuditEntry): Promise<boolean> {
    const path = `sla.${field}`;
    const r = await (await this.partitions.of(id))
      .updateOne({ _id: id, [path]: { $exists: false } }, { $set: { [path]: at }, $push: { audit } })
      .exec();
    return r.modifiedCount === 1;
  }

  /** Incidents opened in a range, for stats (only the fields the figures need). */
  async forStats(filter: IncidentFilter): Promise<Pick<Incident, 'brand' | 'team' | 'openedAt' | 'milestones' | 'sla'>[]> {
    const out: Pick<Incident, 'brand' | 'team' | 'openedAt' | 'milestones' | 'sla'>[] = [];
    for (const model of await this.partitions.openedIn(filter.from, filter.to)) {
      out.push(...(await model.find(toQuery(filter), { brand: 1, team: 1, openedAt: 1, milestones: 1, sla: 1 }).lean<Incident[]>().exec()));
    }
    return out;
  }
}

function toQuery(f: IncidentFilter): QueryFilter<Incident> {
  const q: QueryFilter<Incident> = {};
  if (f.brand) q.brand = f.brand;
  if (f.team) q.team = f.team;
  if (f.owner) q.owner = f.owner;
  if (f.severity) q.severity = f.severity;
  if (f.state) q.state = f.state;
  if (f.from || f.to) q.openedAt = { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lt: f.to } : {}) };
  return q;
}

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;
