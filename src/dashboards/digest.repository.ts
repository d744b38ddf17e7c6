import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';

export interface DigestRun {
  _id: string;
  brand: string;
  day: string;
  queuedAt: Date;
  recipients: string[];
}

/** The only code that touches digest_runs (one small document per brand and day, read by `_id`). */
@Injectable()
export class DigestRepository {
  constructor(@InjectModel('DigestRun') private readonly model: Model<DigestRun>) {}

  async queued(brand: string, day: string): Promise<boolean> {
    return (await this.model.findById(`${brand}|${day}`).lean().exec()) !== null;
  }

  /** Records the day's digest as handed to the outbox; a second record of the same day keeps the first. */
  async markQueued(brand: string, day: string, at: Date, recipients: string[]): Promise<void> {
    try {
      await this.model.create({ _id: `${brand}|${day}`, brand, day, queuedAt: at, recipients });
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }
}
