import { Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../platform/auth/roles.decorator.js';
import { SourcesService } from './sources.service.js';
import { ApiRoute } from '../platform/http/api-route.js';

@ApiTags('sources')
@Controller('api/v1/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  /** Every loaded source with its schedule, health (ok, or degraded with the reason) and last run. */
  @ApiRoute('Every source with its schedule, health and last run')
  @Get()
  @Roles('viewer')
  async list() {
    return { sources: await this.sources.list() };
  }

  /** Runs one source now, even while its circuit is open; answers the recorded run. */
  @ApiRoute('Run one source now (even while paused) and answer its run record')
  @Post(':name/run')
  @Roles('admin')
  @HttpCode(200)
  async runNow(@Param('name') name: string) {
    if (!this.sources.has(name)) throw new NotFoundException(`no source named "${name}"`);
    return this.sources.run(name, { force: true });
  }
}
