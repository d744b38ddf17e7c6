import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { Public } from '../auth/roles.decorator.js';

@Controller()
export class HealthController {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  /** The process is up. */
  @Get('healthz')
  @Public()
  health() {
    return { status: 'ok' };
  }

  /** The database answers. */
  @Get('readyz')
  @Public()
  async ready() {
    const started = performance.now();
    try {
      await this.connection.db?.admin().ping();
    } catch (err) {
      throw new ServiceUnavailableException({ status: 'unavailable', database: (err as Error).message });
    }
    return { status: 'ready', databaseMs: Math.round((performance.now() - started) * 10) / 10 };
  }
}
