import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { DatabaseAdmin } from '../database/database-admin.repository.js';
import { Public } from '../auth/roles.decorator.js';
import { Readiness } from './readiness.js';
import { ApiRoute } from '../http/api-route.js';

@Controller()
export class HealthController {
  constructor(
    private readonly database: DatabaseAdmin,
    private readonly readiness: Readiness,
  ) {}

  /** The process is up. */
  @ApiRoute('Liveness: the process is up (no token needed)', { public: true })
  @Get('healthz')
  @Public()
  health() {
    return { status: 'ok' };
  }

  /** The database answers and the warm-up (the first detection pass) is done. */
  @ApiRoute('Readiness: the database answers and the first detection pass is done (no token needed)', { public: true })
  @Get('readyz')
  @Public()
  async ready() {
    const started = performance.now();
    try {
      await this.database.ping();
    } catch (err) {
      throw new ServiceUnavailableException({ status: 'unavailable', database: (err as Error).message });
    }
    const waiting = this.readiness.waiting();
    if (waiting.length) throw new ServiceUnavailableException({ status: 'warming', waiting });
    const warming = this.readiness.warmingInBackground();
    return { status: 'ready', databaseMs: Math.round((performance.now() - started) * 10) / 10, ...(warming.length ? { warming } : {}) };
  }
}
