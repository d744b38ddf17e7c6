import { CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../clock.js';
import { PUBLIC_KEY, ROLES_KEY, roleAllows, type CurrentUserInfo, type Role } from './roles.decorator.js';
import { TokensService } from './tokens.service.js';

interface Req {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
  user?: CurrentUserInfo;
}

/**
 * Every route needs a bearer token (or `?access_token=` for EventSource, which cannot set headers)
 * except @Public ones; the route's @Roles is the least role allowed. Requests are rate-limited per token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Req>();
    const token = bearer(req);
    if (!token) throw new UnauthorizedException('missing API token: send "Authorization: Bearer <token>" (create one with `goldenhour token create --role viewer`)');
    const user = await this.tokens.verify(token);
    if (!user) throw new UnauthorizedException('unknown or revoked API token');
    this.rateLimit(user.tokenId);
    const needs = this.reflector.getAllAndOverride<Role>(ROLES_KEY, targets) ?? 'viewer';
    if (!roleAllows(user.role, needs)) throw new ForbiddenException(`this needs the "${needs}" role; your token has "${user.role}"`);
    req.user = user;
    return true;
  }

  /** Fixed one-minute windows per token: enough to stop a runaway client. */
  private rateLimit(tokenId: string): void {
    const now = this.clock.now().getTime();
    const limit = this.config.api.rateLimitPerMinute;
    const w = this.windows.get(tokenId);
    if (!w || now - w.start >= 60_000) {
      this.windows.set(tokenId, { start: now, count: 1 });
      return;
    }
    w.count += 1;
    if (w.count > limit) {
      const retry = Math.ceil((w.start + 60_000 - now) / 1000);
      throw new HttpException({ statusCode: 429, message: `rate limit of ${limit} requests a minute exceeded; retry in ${retry} s`, retryAfter: retry }, HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}

function bearer(req: Req): string | null {
  const h = req.headers.authorization;
  const v = Array.isArray(h) ? h[0] : h;
  if (v?.startsWith('Bearer ')) return v.slice(7).trim();
  const q = req.query?.access_token;
  return typeof q === 'string' ? q : null;
}
