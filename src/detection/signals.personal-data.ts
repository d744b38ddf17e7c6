import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../core/privacy/holder.js';
import type { RetentionCutoffs } from '../core/privacy/retention.js';
import { EvidenceCopies } from '../platform/database/evidence-copies.js';

/** Copies of mention text in signal evidence (`evidence.topMentions`), in the live set and every month partition. */
@Injectable()
export class SignalsPersonalData implements PersonalDataHolder {
  readonly name = 'signals';

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async find(s: SubjectMentions): Promise<HeldCopy[]> {
    const out: HeldCopy[] = [];
    for (const copies of await this.collections()) out.push(...(await copies.find(s)));
    return out;
  }

  async erase(s: SubjectMentions): Promise<void> {
    for (const copies of await this.collections()) await copies.erase(s);
  }

  async purge(c: RetentionCutoffs, batch: number, pause: () => Promise<void>): Promise<KindCounts> {
    let n = 0;
    for (const copies of await this.collections()) n += await copies.purge(c.evidenceBefore, batch, pause);
    return { signalEvidence: n };
  }

  /** `signals_live` and the `signals_YYYYMM` partitions (see SignalsRepository). */
  private async collections(): Promise<EvidenceCopies[]> {
    const names = (await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => /^signals_(live|\d{6})$/.test(n));
    return names.map((n) => new EvidenceCopies(this.connection.db!.collection(n) as never, { kind: 'signalEvidence', path: 'evidence.topMentions', timeField: 'startedAt' }));
  }
}
