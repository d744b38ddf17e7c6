import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, type Observable } from 'rxjs';
import { AUDITED_KEY, type AuditedRead } from '../platform/auth/audited.decorator.js';
import type { CurrentUserInfo } from '../platform/auth/roles.decorator.js';
import { Clock } from '../platform/clock.js';
import { PrivacyRepository } from './privacy.repository.js';

/** Writes an audit event for every answered call of an @Audited route (who read incident evidence or mention lists). */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly repo: PrivacyRepository,
    private readonly clock: Clock,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = ctx.getType() === 'http' ? this.reflector.get<AuditedRead | undefined>(AUDITED_KEY, ctx.getHandler()) : undefined;
    if (!action) return next.handle();
    const req = ctx.switchToHttp().getRequest<{ user?: CurrentUserInfo; originalUrl?: string }>();
    return next.handle().pipe(
      mergeMap((body) =>
        from(
          this.repo
            .audit({ at: this.clock.now(), action, by: req.user ? `${req.user.name} (${req.user.tokenId})` : 'unknown', role: req.user?.role, target: req.originalUrl?.split('?')[0] })
            .catch((err: Error) => this.logger.error({ event: 'audit_write_failed', action, error: err.message }))
            .then(() => body),
        ),
      ),
    );
  }
}
