import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { REMOVED_ON_REQUEST, redactText } from '../core/privacy/evidence.js';
import type { HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../core/privacy/holder.js';
import { namesIn, redactNames } from '../core/privacy/names.js';
import type { RetentionCutoffs } from '../core/privacy/retention.js';
import { EvidenceCopies } from '../platform/database/evidence-copies.js';

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
 * about people in notes, the response and the solution: found by the person's post texts, links, handle
 * and names, and erased by replacing those (the note, its author and time stay). The timeline and counts stay.
 */
@Injectable()
export class IncidentsPersonalData implements PersonalDataHolder {
  readonly name = 'incidents';
  private readonly copies: EvidenceCopies;

  constructor(@InjectModel('Incident') private readonly model: Model<unknown>) {
    this.copies = new EvidenceCopies(model.collection as never, { kind: 'incidentEvidence', path: 'evidence.topMentions', timeField: 'openedAt', causePath: 'evidence.cause' });
  }

  async find(s: SubjectMentions): Promise<HeldCopy[]> {
    const out = await this.copies.find(s);
    for (const doc of await this.withStaffTexts(s)) {
      for (const { path, text } of staffTexts(doc)) if (quotes(text, s)) out.push({ kind: 'incidentNote', where: `incidents/${doc._id}/${path}`, data: text });
    }
    return out;
  }

  async erase(s: SubjectMentions): Promise<void> {
    await this.copies.erase(s);
    for (const doc of await this.withStaffTexts(s)) {
      const set: Record<string, string> = {};
      for (const { path, text } of staffTexts(doc)) if (quotes(text, s)) set[`${path}.text`] = redactNames(redactText(text, s.needles, REMOVED_ON_REQUEST).text, s.names, REMOVED_ON_REQUEST);
      await this.model.collection.updateOne({ _id: doc._id as never }, { $set: set });
    }
  }

  async purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts> {
    return { incidentEvidence: await this.copies.purge(c.evidenceBefore, batch, pause) };
  }

  /** Incidents whose notes, response or solution name the person (incidents are few; erasure is rare). */
  private async withStaffTexts(s: SubjectMentions): Promise<IncidentTexts[]> {
    if (!s.needles.length && !s.names.length) return [];
    const docs = (await this.model.collection.find({}, { projection: { notes: 1, response: 1, solution: 1 } }).toArray()) as unknown as IncidentTexts[];
    return docs.filter((d) => staffTexts(d).some(({ text }) => quotes(text, s)));
  }
}

function staffTexts(d: IncidentTexts): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  (d.notes ?? []).forEach((n, i) => n.text && out.push({ path: `notes.${i}`, text: n.text }));
  if (d.response?.text) out.push({ path: 'response', text: d.response.text });
  if (d.solution?.text) out.push({ path: 'solution', text: d.solution.text });
  return out;
}

const quotes = (text: string, s: SubjectMentions) => s.needles.some((n) => text.includes(n)) || namesIn(text, s.names);
