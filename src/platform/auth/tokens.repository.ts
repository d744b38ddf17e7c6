import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Role } from './roles.decorator.js';

export interface ApiTokenRecord {
  _id: string;
  name: string;
  role: Role;
  hash: string;
  createdAt: Date;
  revokedAt?: Date;
}

@Injectable()
export class TokensRepository {
  constructor(@InjectModel('ApiToken') private readonly model: Model<ApiTokenRecord>) {}

  async insert(rec: ApiTokenRecord): Promise<void> {
    await this.model.create(rec);
  }

  async get(id: string): Promise<ApiTokenRecord | null> {
    return this.model.findById(id).lean<ApiTokenRecord>().exec();
  }

  async list(): Promise<ApiTokenRecord[]> {
    return this.model.find().sort({ createdAt: 1 }).lean<ApiTokenRecord[]>().exec();
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const r = await this.model.updateOne({ _id: id, revokedAt: { $exists: false } }, { $set: { revokedAt: at } }).exec();
    return r.modifiedCount === 1;
  }
}
