import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/**
 * Nonces of accepted CRM requests (`crm_nonces`, `{_id: nonce, at}`): the unique `_id` refuses a replay.
 * Only the last minutes are kept (older requests fail the timestamp check), so the collection stays small.
 */
@Injectable()
export class CrmNoncesRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col() {
    return this.connection.db!.collection<{ _id: string; at: Date }>('crm_nonces');
  }

  /** Records a nonce; false when it was used before. */
  async use(nonce: string, at: Date): Promise<boolean> {
    try {
      await this.col().insertOne({ _id: nonce, at });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  async forgetBefore(before: Date): Promise<void> {
    await this.col().deleteMany({ at: { $lt: before } });
  }
}
