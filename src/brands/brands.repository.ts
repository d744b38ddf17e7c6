import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Brand } from './brand.js';

interface BrandDoc extends Omit<Brand, 'id'> {
  _id: string;
  origin: 'config' | 'api';
  updatedAt: Date;
}

@Injectable()
export class BrandsRepository {
  constructor(@InjectModel('Brand') private readonly model: Model<BrandDoc>) {}

  async list(): Promise<Brand[]> {
    const docs = await this.model.find().sort({ _id: 1 }).lean<BrandDoc[]>().exec();
    return docs.map(toBrand);
  }

  async upsert(brand: Brand, origin: 'config' | 'api', at: Date): Promise<void> {
    const { id, ...rest } = brand;
    await this.model.updateOne({ _id: id }, { $set: { ...rest, origin, updatedAt: at } }, { upsert: true }).exec();
  }

  async remove(id: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: id }).exec()).deletedCount === 1;
  }
}

function toBrand(d: BrandDoc): Brand {
  return { id: d._id, name: d.name, names: d.names ?? {}, aliases: d.aliases ?? [], keywords: d.keywords ?? [], competitors: d.competitors ?? [], timezone: d.timezone ?? 'UTC', ...(d.kind ? { kind: d.kind } : {}), ...(d.masking ? { masking: d.masking } : {}), ...(d.officialAccounts && Object.keys(d.officialAccounts).length ? { officialAccounts: d.officialAccounts } : {}) };
}
