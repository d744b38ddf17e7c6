import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/** One user's settings for the web app, keyed by their name (the name of their API tokens). */
export interface UserPreferences {
  /** IANA zone the board and dashboard show times in; the brand's (board) or the browser's (dashboard) when absent. */
  timezone?: string;
}

interface PreferencesDoc extends UserPreferences {
  _id: string;
  updatedAt: Date;
}

/** `user_preferences`: one small document per user who saved a setting, read and written by `_id` only. */
@Injectable()
export class UserPreferencesRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private col() {
    return this.connection.db!.collection<PreferencesDoc>('user_preferences');
  }

  async get(user: string): Promise<UserPreferences> {
    const doc = await this.col().findOne({ _id: user });
    return doc?.timezone ? { timezone: doc.timezone } : {};
  }

  async save(user: string, prefs: UserPreferences, now: Date): Promise<UserPreferences> {
    const saved = prefs.timezone ? { timezone: prefs.timezone } : {};
    await this.col().replaceOne({ _id: user }, { ...saved, updatedAt: now }, { upsert: true });
    return saved;
  }
}
