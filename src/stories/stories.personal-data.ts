import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../core/privacy/holder.js';
import { TextCopies } from '../platform/database/text-copies.js';

/** Copies of people's posts in a story's first and most engaged post: found and erased by their texts and links. */
@Injectable()
export class StoriesPersonalData implements PersonalDataHolder {
  readonly name = 'stories';
  private readonly copies: TextCopies;

  constructor(@InjectConnection() connection: Connection) {
    this.copies = new TextCopies(() => connection.db!, /^stories_\d{8}$/, 'storyCopy');
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
