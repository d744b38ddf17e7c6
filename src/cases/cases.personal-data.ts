import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../core/privacy/holder.js';
import { TextCopies } from '../platform/database/text-copies.js';

/** Copies of people's posts in a case's text, snippet and author: found and erased by their texts and links. */
@Injectable()
export class CasesPersonalData implements PersonalDataHolder {
  readonly name = 'cases';
  private readonly copies: TextCopies;

  constructor(@InjectConnection() connection: Connection) {
    this.copies = new TextCopies(() => connection.db!, /^(cases_open|cases_closed|case_queue_\d+)$/, 'caseCopy');
  }

  find(s: SubjectMentions): Promise<HeldCopy[]> {
    return this.copies.find(s);
  }

  erase(s: SubjectMentions): Promise<void> {
    return this.copies.erase(s);
  }

  /** Not purged under retention yet: erasure reaches these copies, the retention job does not (README "Personal data"). */
  async purge(): Promise<KindCounts> {
    return {};
  }
}
