import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Roles } from '../platform/auth/roles.decorator.js';
import { officialAccountsSchema } from '../platform/config/schema.js';
import { ApiRoute } from '../platform/http/api-route.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { BrandsService } from './brands.service.js';

/** A brand's official accounts per platform: their posts in an incident's story or thread stop its response clock. */
@ApiTags('brands')
@Controller('api/v1/brands/:id/official-accounts')
export class OfficialAccountsController {
  constructor(private readonly brands: BrandsService) {}

  @ApiRoute("A brand's official accounts per platform")
  @Get()
  @Roles('viewer')
  async get(@Param('id') id: string) {
    return (await this.brands.get(id)).officialAccounts ?? {};
  }

  @ApiRoute("Replace a brand's official accounts per platform (e.g. { \"weibo\": [\"@阿克米官方\"] }); {} removes them", { body: officialAccountsSchema })
  @Put()
  @Roles('admin')
  async put(@Param('id') id: string, @Body(new ZodPipe(officialAccountsSchema)) body: z.infer<typeof officialAccountsSchema>) {
    const brand = await this.brands.get(id);
    return (await this.brands.save({ ...brand, officialAccounts: body })).officialAccounts ?? {};
  }
}
