import { Injectable } from '@nestjs/common';
import type { mongo } from 'mongoose';
import { REMOVED_ON_REQUEST, redactText } from '../core/privacy/evidence.js';
import type { HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../core/privacy/holder.js';
import { namesIn, redactNames } from '../core/privacy/names.js';
import type { RetentionCutoffs } from '../core/privacy/retention.js';
import { EvidenceCopies } from '../platform/database/evidence-copies.js';
import { IncidentPartitions } from './incident-partitions.js';

interface StaffText {
  text?: string;
}
interface IncidentTexts {
  _id: string;
  notes?: StaffText[];
  response?: StaffText;
  solution?: StaffText;
}

/**
 * Copies of mention text in incident evidence (`incidents.evidence.topMentions`), and what staff wrote
 * about people in notes, the response and the solution, in every month partition: found by the person's post texts, links, handle
 * and names, and erased by replacing those (the note, its author and time stay). The timeline and counts stay.
 */
@Injectable()
export class IncidentsPersonalData implements PersonalDataHolder {
  readonly name = 'incidents';

  constructor(private readonly partitions: IncidentPartitions) {}

  /** Every incident collection (month partitions), with the evidence copies it holds. */
  private async collections(): Promise<{ col: mongo.Collection; copies: EvidenceCopies }[]> {
    return (await this.partitions.all()).map((m) => ({
      col: m.collection as unknown as mongo.Collection,
      copies: new EvidenceCopies(m.collection as never, { kind: 'incidentEvidence', path: 'evidence.topMentions', timeField: 'openedAt', causePath: 'evidence.cause' }),
    }));
  }

  async find(s: SubjectMentions): Promise<HeldCopy[]> {
    const out: HeldCopy[] = [];
    for (const { col, copies } of await this.collections()) {
      out.push(...(await copies.find(s)));
      for (const doc of await withStaffTexts(col, s)) {
        for (const { path, text } of staffTexts(doc)) if (quotes(text, s)) out.push({ kind: 'incidentNote', where: `${col.collectionName}/${doc._id}/${path}`, data: text });
      }
    }
    return out;
  }

  async erase(s: SubjectMentions): Promise<void> {
    for (const { col, copies } of await this.collections()) {
      await copies.erase(s);
      for (const doc of await withStaffTexts(col, s)) {
        const set: Record<string, string> = {};
        for (const { path, text } of staffTexts(doc)) if (quotes(text, s)) set[`${path}.text`] = redactNames(redactText(text, s.needles, REMOVED_ON_REQUEST).text, s.names, REMOVED_ON_REQUEST);
        await col.updateOne({ _id: doc._id as never }, { $set: set });
      }
    }
  }

  async purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts> {
    let n = 0;
    for (const { copies } of await this.collections()) n += await copies.purge(c.evidenceBefore, batch, pause);
    return { incidentEvidence: n };
  }
}

/** A collection's incidents whose notes, response or solution name the person (incidents are few; erasure is rare). */
async function withStaffTexts(col: mongo.Collection, s: SubjectMentions): Promise<IncidentTexts[]> {
  if (!s.needles.length && !s.names.length) return [];
  const docs = (await col.find({}, { projection: { notes: 1, response: 1, solution: 1 } }).toArray()) as unknown as IncidentTexts[];
  return docs.filter((d) => staffTexts(d).some(({ text }) => quotes(text, s)));
}

function staffTexts(d: IncidentTexts): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  (d.notes ?? []).forEach((n, i) => n.text && out.push({ path: `notes.${i}`, text: n.text }));
  if (d.response?.text) out.push({ path: 'response', text: d.response.text });
  if (d.solution?.text) out.push({ path: 'solution', text: d.solution.text });
  return out;
}

const quotes = (text: string, s: SubjectMentions) => s.needles.some((n) => text.includes(n)) || namesIn(text, s.names);
