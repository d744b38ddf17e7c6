import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { TextCopies, TextCopiesHolder } from '../platform/database/text-copies.js';

/** Copies of people's posts in a case's text, snippet and author: found and erased by their texts and links. */
@Injectable()
export class CasesPersonalData extends TextCopiesHolder {
  constructor(@InjectConnection() connection: Connection) {
    super('cases', new TextCopies(() => connection.db!, /^(cases_open|cases_closed|case_queue_\d+)$/, 'caseCopy'));
  }
}
