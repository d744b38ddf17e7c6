import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { AlertsService } from './alerts.service.js';
import { RulesService } from './rules.service.js';
import { ApiRoute } from '../platform/http/api-route.js';
import { Audited } from '../platform/auth/audited.decorator.js';

const limit = z.coerce.number().int().min(1).max(500).default(100);
const alertsQuery = z.strictObject({ brand: z.string().min(1).optional(), since: z.coerce.date().optional(), limit });

@Controller('api/v1')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly rules: RulesService,
  ) {}

  /** Alerts, newest first; `?brand=&since=&limit=`. */
  @ApiRoute('Alerts, newest first')
  @Get('alerts')
  list(@Query(new ZodPipe(alertsQuery)) q: z.infer<typeof alertsQuery>) {
    return this.alerts.list(q);
  }

  /** The loaded rule files: which are active, and why a broken one is switched off. */
  @ApiRoute('The alert rules as loaded (and the files switched off, with why)')
  @Get('alerts/rules')
  loadedRules() {
    const { ruleSet, files } = this.rules.current();
    return { files, rules: ruleSet.rules, inhibitRules: ruleSet.inhibitRules, quietHours: ruleSet.quietHours };
  }

  @ApiRoute('One alert')
  @Get('alerts/:key')
  @Audited('read-evidence')
  async get(@Param('key') key: string) {
    const alert = await this.alerts.get(key);
    if (!alert) throw new NotFoundException(`no alert with key "${key}"`);
    return alert;
  }
}
