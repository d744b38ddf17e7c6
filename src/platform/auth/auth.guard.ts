import { CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../clock.js';
import { CSRF_COOKIE, CSRF_HEADER, SAFE_METHODS, cameOverHttps, csrfMatches, sessionTokenOf, signOutCookies } from './session-cookie.js';
import { PUBLIC_KEY, ROLES_KEY, roleAllows, type CurrentUserInfo, type Role } from './roles.decorator.js';
import { TokensService } from './tokens.service.js';

interface Req {
  method: string;
  secure?: boolean;
  headers: Record<string, string | string[] | undefined>;
  user?: CurrentUserInfo;
}

interface Res {
  setHeader(name: string, value: string[]): void;
}

/**
 * Every route but the @Public ones needs a token: `Authorization: Bearer` (API clients) or the web app's
 * HttpOnly session cookie. A cookie is sent by the browser whoever wrote the page that makes the request,
 * so a cookie-signed request that changes state must also carry the session's CSRF token; a bearer header
 * cannot be set by another site, so it needs none. The route's @Roles is the least role allowed.
 * Requests are rate-limited per token.
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
    const header = bearer(req);
    const cookie = header ? undefined : sessionTokenOf(req);
    const token = header ?? cookie;
    if (!token) throw new UnauthorizedException('missing API token: send "Authorization: Bearer <token>" (create one with `goldenhour token create --role viewer`)');
    const user = await this.tokens.verify(token);
    if (!user) {
      // A stale session cookie is cleared, so the web app shows its sign-in form instead of failing again.
      if (cookie) ctx.switchToHttp().getResponse<Res>().setHeader('Set-Cookie', signOutCookies(cameOverHttps(req)));
      throw new UnauthorizedException(cookie ? 'this session\'s token is unknown or revoked: sign in again' : 'unknown or revoked API token');
    }
    if (cookie && !SAFE_METHODS.has(req.method) && !csrfMatches(cookie, first(req.headers[CSRF_HEADER])))
      throw new ForbiddenException(`missing or wrong CSRF token: a request signed in by the session cookie that changes something must send the "X-CSRF-Token" header (the web app copies it from the ${CSRF_COOKIE} cookie); API clients send "Authorization: Bearer <token>" instead`);
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

const first = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);

function bearer(req: Req): string | undefined {
  const v = first(req.headers.authorization);
  return v?.startsWith('Bearer ') ? v.slice(7).trim() : undefined;
}
