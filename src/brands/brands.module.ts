import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BrandSchema } from './brand.schema.js';
import { BrandsController } from './brands.controller.js';
import { OfficialAccountsController } from './official-accounts.controller.js';
import { BrandsRepository } from './brands.repository.js';
import { BrandsService } from './brands.service.js';

@Module({
  imports: [MongooseModule.forFeature([{ name: 'Brand', schema: BrandSchema }])],
  controllers: [BrandsController, OfficialAccountsController],
  providers: [BrandsRepository, BrandsService],
  exports: [BrandsService],
})
export class BrandsModule {}
