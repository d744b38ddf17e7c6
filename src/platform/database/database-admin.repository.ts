import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/** What is asked of the database as a whole, not of one collection: whether it answers, and (replay's throwaway database) dropping it. */
@Injectable()
export class DatabaseAdmin {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  /** Resolves once the server answers; throws with its reason when it does not. */
  async ping(): Promise<void> {
    await this.connection.db?.admin().ping();
  }

  /** Drops the whole database: only for a database the caller created for itself. */
  async dropDatabase(): Promise<void> {
    await this.connection.dropDatabase();
  }
}
