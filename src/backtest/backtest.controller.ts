import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../platform/auth/roles.decorator.js';
import { Clock } from '../platform/clock.js';
import { ApiRoute } from '../platform/http/api-route.js';
import { ZodPipe } from '../platform/validation/zod-body.pipe.js';
import { backtestBodySchema, backtestPeriod, BacktestInputError, candidateRules, type BacktestBody } from './backtest-request.js';
import { BacktestService } from './backtest.service.js';

@ApiTags('alerts')
@Controller('api/v1/rules')
export class BacktestController {
  constructor(
    private readonly backtest: BacktestService,
    private readonly clock: Clock,
  ) {}

  /** Replays a past period's buckets through detection and the given rules; sends nothing. */
  @ApiRoute('Backtest alert rules on a past period (what would have fired; nothing is sent)', {
    body: backtestBodySchema,
    description: 'Replays the stored counter buckets (and viral-post and collection-gap signals) of the last `since` (at most 31d) through detection and the current rules with `rules` (an alerts YAML file) laid over them, on a simulated clock. Answers what would have fired (alerts by severity with times, groups and the incidents they would have opened) beside the current rules and the alerts that did fire; with `labels`, how many labelled events each would have caught.',
  })
  @Post('backtest')
  @Roles('admin')
  @HttpCode(200)
  async run(@Body(new ZodPipe(backtestBodySchema)) body: BacktestBody) {
    try {
      const { from, to } = backtestPeriod(body.since, body.until ?? this.clock.now());
      return await this.backtest.run({ from, to, brand: body.brand, candidate: body.rules ? [candidateRules(body.rules, 'rules')] : [], labels: body.labels });
    } catch (err) {
      if (err instanceof BacktestInputError) throw new BadRequestException(err.message);
      throw err;
    }
  }
}
