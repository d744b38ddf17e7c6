import { Body, Controller, Delete, ForbiddenException, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ZodPipe } from '../validation/zod-body.pipe.js';
import { Public } from './roles.decorator.js';
import { CSRF_HEADER, cameOverHttps, csrfMatches, csrfTokenFor, sessionTokenOf, signInCookies, signOutCookies } from './session-cookie.js';
import { TokensService } from './tokens.service.js';
import { ApiRoute } from '../http/api-route.js';

const signInSchema = z
  .object({
    token: z.string().min(1).max(200),
    next: z.string().max(2000).optional().describe('where the web app goes after signing in: one of its own #/ routes'),
  })
  .strict();

/** Only the web app's own routes; anything else (another site, a script URL) lands on the dashboard. */
function landing(next: string | undefined): string {
  if (!next || !/^#\/[^\s]*$/.test(next) || next.startsWith('#/login')) return '/#/dashboard';
  // Header-safe: non-ASCII characters of a Chinese brand or query are percent-encoded, the rest kept.
  return `/${next.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c))}`;
}

/**
 * A browser must be on this origin to sign in here: another site cannot sign a visitor in as someone else.
 * Browsers say where a request comes from in Sec-Fetch-Site; the Origin header is the fallback for older
 * ones (this page's no-referrer policy makes Chromium send `Origin: null` on its own form posts).
 * Clients that send neither (curl, scripts) hold the token anyway.
 */
function fromThisOrigin(req: Request): boolean {
  const site = req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = req.header('origin');
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.header('host');
  } catch {
    return false;
  }
}

/**
 * The web app's session: signing in exchanges an API token for an HttpOnly, SameSite=Strict cookie
 * (plus the CSRF token the page echoes on writes); signing out expires both. The sign-in form is a plain
 * HTML form post, so the page's script never holds the token; a JSON body gets a JSON answer instead.
 */
@Controller('api/v1/session')
export class SessionController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @Public()
  @ApiRoute('Sign in the web app: exchange an API token for the HttpOnly session cookie (same origin only)', { body: signInSchema, public: true })
  async signIn(@Body(new ZodPipe(signInSchema)) body: z.infer<typeof signInSchema>, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!fromThisOrigin(req)) throw new ForbiddenException('sign-in from another site refused: open the web app itself and sign in there');
    const form = Boolean(req.is('application/x-www-form-urlencoded'));
    const user = await this.tokens.verify(body.token.trim());
    if (!user) {
      if (!form) throw new UnauthorizedException('unknown or revoked API token');
      res.redirect(303, `/#/login?error=token${body.next ? `&next=${encodeURIComponent(body.next)}` : ''}`);
      return;
    }
    res.setHeader('Set-Cookie', signInCookies(body.token.trim(), cameOverHttps(req)));
    res.setHeader('Cache-Control', 'no-store');
    if (form) res.redirect(303, landing(body.next));
    else res.json({ name: user.name, role: user.role, csrfToken: csrfTokenFor(body.token.trim()) });
  }

  /** Needs the session's CSRF token when a session cookie is there, so another site cannot sign a user out. */
  @Delete()
  @Public()
  @ApiRoute('Sign out of the web app: expire the session cookie (with the CSRF token when a cookie is sent)', { public: true })
  @HttpCode(204)
  signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    const cookie = sessionTokenOf(req);
    if (cookie && !csrfMatches(cookie, req.header(CSRF_HEADER))) throw new ForbiddenException('missing or wrong CSRF token: send the "X-CSRF-Token" header to sign out');
    res.setHeader('Set-Cookie', signOutCookies(cameOverHttps(req)));
  }
}
