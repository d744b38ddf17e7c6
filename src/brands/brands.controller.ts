import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { Roles } from '../platform/auth/roles.decorator.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { brandSchema, type Brand } from './brand.js';
import { BrandsService } from './brands.service.js';
import { ApiRoute } from '../platform/http/api-route.js';

@Controller('api/v1/brands')
export class BrandsController {
  constructor(private readonly brands: BrandsService) {}

  @ApiRoute('List brands (own and competitors) with their names per language')
  @Get()
  list() {
    return this.brands.list();
  }

  @ApiRoute('One brand')
  @Get(':id')
  get(@Param('id') id: string) {
    return this.brands.get(id);
  }

  @ApiRoute('Create or replace a brand', { body: brandSchema })
  @Post()
  @Roles('admin')
  create(@Body(new ZodPipe(brandSchema)) body: Brand) {
    return this.brands.save(body);
  }

  @ApiRoute('Update a brand', { body: brandSchema.omit({ id: true }) })
  @Put(':id')
  @Roles('admin')
  update(@Param('id') id: string, @Body(new ZodPipe(brandSchema.omit({ id: true }))) body: Omit<Brand, 'id'>) {
    return this.brands.save({ ...body, id });
  }

  @ApiRoute('Remove a brand')
  @Delete(':id')
  @Roles('admin')
  async remove(@Param('id') id: string) {
    await this.brands.remove(id);
    return { removed: id };
  }
}
