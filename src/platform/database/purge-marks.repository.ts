import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/**
 * `privacy_purge_marks`: one small document per kind of data the retention purge works through in day
 * order (`{_id: kind, before: 'YYYYMMDD'}`: every day before it is done), read and written by `_id` only.
 * A pass starts where the last one stopped, and ingest reads the mentions' mark to refuse posts of days
 * already purged (see MentionPrivacy).
 */
@Injectable()
export class PurgeMarks {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col() {
    return this.connection.db!.collection<{ _id: string; before: string }>('privacy_purge_marks');
  }

  /** The first day not yet purged of a kind ('' when none was). */
  async before(kind: string): Promise<string> {
    return (await this.col().findOne({ _id: kind }))?.before ?? '';
  }

  /** Moves a kind's mark forward (never back). */
  async advance(kind: string, before: string): Promise<void> {
    if ((await this.before(kind)) >= before) return;
    await this.col().replaceOne({ _id: kind }, { before }, { upsert: true });
  }
}
