import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';

export interface DigestRun {
  _id: string;
  brand: string;
  day: string;
  claimedAt: Date;
  sentAt?: Date;
  recipients?: string[];
  error?: string;
}

/** The only code that touches digest_runs. */
@Injectable()
export class DigestRepository {
  constructor(@InjectModel('DigestRun') private readonly model: Model<DigestRun>) {}

  /** Claims a brand's day; false when it was already claimed (sent, or being sent elsewhere). */
  async claim(brand: string, day: string, at: Date): Promise<boolean> {
    try {
      await this.model.create({ _id: `${brand}|${day}`, brand, day, claimedAt: at });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  async markSent(brand: string, day: string, at: Date, recipients: string[]): Promise<void> {
    await this.model.updateOne({ _id: `${brand}|${day}` }, { $set: { sentAt: at, recipients }, $unset: { error: 1 } }).exec();
  }

  /** A failed send gives the claim back so the next tick retries it. */
  async release(brand: string, day: string): Promise<void> {
    await this.model.deleteOne({ _id: `${brand}|${day}`, sentAt: { $exists: false } }).exec();
  }
}
