import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- exception until notifications are their own module (issue 18 step 3)
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../alerts/channels/webhook.sender.js';
import { Public } from '../platform/auth/roles.decorator.js';
import { CrmInboundService, NONCE_HEADER } from './crm-inbound.service.js';
import { crmReportSchema } from '../core/cases/crm-payload.js';
import { ApiRoute } from '../platform/http/api-route.js';

/**
 * The CRM's way back in: assignment, reply and closure of a case. No token: the request is signed with
 * the shared secret instead (see CrmInboundService and README "CRM sync").
 */
@Controller('api/v1/cases/sync')
export class CrmSyncController {
  constructor(private readonly inbound: CrmInboundService) {}

  @Post()
  @Public()
  @ApiRoute('The CRM reports an assignment, reply or closure (HMAC-signed, timestamp and nonce; see README "Cases")', { body: crmReportSchema, public: true })
  @HttpCode(200)
  async sync(@Req() req: Request & { rawBody?: Buffer }) {
    const c = await this.inbound.receive({
      timestamp: req.header(TIMESTAMP_HEADER),
      nonce: req.header(NONCE_HEADER),
      signature: req.header(SIGNATURE_HEADER),
      body: req.rawBody ?? Buffer.alloc(0),
    });
    return { caseId: c._id, state: c.state, owner: c.owner ?? null, version: c.version };
  }
}
