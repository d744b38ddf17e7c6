import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { TextCopies, TextCopiesHolder } from '../platform/database/text-copies.js';

/** Copies of people's posts in a story's first and most engaged post: found and erased by their texts and links. */
@Injectable()
export class StoriesPersonalData extends TextCopiesHolder {
  constructor(@InjectConnection() connection: Connection) {
    super('stories', new TextCopies(() => connection.db!, /^stories_\d{8}$/, 'storyCopy'));
  }
}
