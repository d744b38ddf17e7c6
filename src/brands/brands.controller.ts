import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { Roles } from '../platform/auth/roles.decorator.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { brandSchema, type Brand } from './brand.js';
import { BrandsService } from './brands.service.js';

@Controller('api/v1/brands')
export class BrandsController {
  constructor(private readonly brands: BrandsService) {}

  @Get()
  list() {
    return this.brands.list();
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.brands.get(id);
  }

  @Post()
  @Roles('admin')
  create(@Body(new ZodPipe(brandSchema)) body: Brand) {
    return this.brands.save(body);
  }

  @Put(':id')
  @Roles('admin')
  update(@Param('id') id: string, @Body(new ZodPipe(brandSchema.omit({ id: true }))) body: Omit<Brand, 'id'>) {
    return this.brands.save({ ...body, id });
  }

  @Delete(':id')
  @Roles('admin')
  async remove(@Param('id') id: string) {
    await this.brands.remove(id);
    return { removed: id };
  }
}
