import { BadRequestException, ConflictException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- exception until notifications are their own module (issue 18 step 3)
import { signWebhook } from '../alerts/channels/webhook.sender.js';
import type { Case } from '../core/cases/case.js';
import { crmReportSchema, staleTimestamp, SYNC_WINDOW_MS, type CrmReport } from '../core/cases/crm-payload.js';
import { webUrlProblem } from '../core/web/links.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { CaseActionsService, type CaseAction } from './case-actions.service.js';
import { CrmNoncesRepository } from './crm-nonces.repository.js';

export const NONCE_HEADER = 'x-goldenhour-nonce';

/** The signed request as it arrived: headers and the exact body bytes. */
export interface SignedRequest {
  timestamp?: string;
  nonce?: string;
  signature?: string;
  body: Buffer;
}

/**
 * Reports from the CRM (`POST /api/v1/cases/sync`): verified before anything is read — a fresh timestamp,
 * an HMAC-SHA256 signature over `timestamp.nonce.body` with the shared secret, and a nonce never seen — then
 * applied to the case as the CRM user.
 */
@Injectable()
export class CrmInboundService {
  constructor(
    private readonly cases: CaseActionsService,
    private readonly nonces: CrmNoncesRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async receive(req: SignedRequest): Promise<Case> {
    const secret = this.config.crm?.secret;
    if (!secret) throw new NotFoundException('no CRM is configured: add `crm: { url, secret }` to goldenhour.yaml');
    const now = this.clock.now();
    const stale = staleTimestamp(req.timestamp, now);
    if (stale) throw new UnauthorizedException(stale);
    if (!req.nonce || !/^[\w-]{16,200}$/.test(req.nonce)) throw new UnauthorizedException(`${NONCE_HEADER} must be 16-200 letters, digits, "_" or "-", new for every request`);
    const expected = Buffer.from(signWebhook(secret, `${req.timestamp}.${req.nonce}`, req.body.toString('utf8')));
    const given = Buffer.from(req.signature ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedException('bad signature: sign "timestamp.nonce.body" with HMAC-SHA256 and the shared secret, sent as "sha256=<hex>"');
    if (!(await this.nonces.use(req.nonce, now))) throw new ConflictException('this request was received before (nonce already used): a replay is refused');
    await this.nonces.forgetBefore(new Date(now.getTime() - 2 * SYNC_WINDOW_MS));
    const report = this.parse(req.body);
    return this.cases.act(report.caseId, actionOf(report), report.by ? `crm (${report.by})` : 'crm');
  }

  private parse(body: Buffer): CrmReport {
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      throw new BadRequestException('the body is not JSON');
    }
    const r = crmReportSchema.safeParse(value);
    if (!r.success) throw new BadRequestException(r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
    const urlProblem = r.data.url && webUrlProblem(r.data.url);
    if (urlProblem) throw new BadRequestException(`url: ${urlProblem}`);
    return r.data;
  }
}

function actionOf(r: CrmReport): CaseAction {
  switch (r.event) {
    case 'assigned':
      return { action: 'assign', owner: r.owner! };
    case 'replied':
      return { action: 'replied', url: r.url! };
    case 'closed':
      return { action: 'resolve', note: r.note };
    case 'reopened':
      return { action: 'reopen', reason: r.note };
  }
}
