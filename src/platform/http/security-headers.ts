import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Directives = Record<string, string[] | null>;

/**
 * The web app's Content-Security-Policy: its own scripts only (no inline script, no eval), its own
 * styles, data: images (the favicon, chart PNG export), fetch/EventSource to this origin, never framed.
 * ECharts draws on a canvas and styles its tooltip through the CSSOM, which style-src does not govern;
 * the tooltip's marker dots are inline style attributes, allowed by `style-src-attr` alone.
 */
export const WEB_APP_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'upgrade-insecure-requests': null,
};

/** The API documentation (Swagger UI): its own scripts; its page and widgets use inline styles and data: icons. */
export const API_DOCS_CSP: Directives = {
  ...WEB_APP_CSP,
  'style-src': ["'self'", "'unsafe-inline'"],
};

/**
 * The demo mailbox: a server-rendered page without any script. Caught mails are shown in sandboxed
 * srcdoc frames, which inherit this policy: mail HTML is styled inline, and its images are the mail's
 * own attachments served from this origin.
 */
export const DEMO_MAIL_CSP: Directives = {
  'default-src': ["'none'"],
  'script-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'frame-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'upgrade-insecure-requests': null,
};

const withPolicy = (directives: Directives) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Mail clients and the demo mailbox load chart images from mails, not from this origin: same-origin is enough.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });

/**
 * Security headers on everything the daemon serves (API, web app, docs, demo pages), set by helmet:
 * Content-Security-Policy (per area above), X-Content-Type-Options: nosniff, X-Frame-Options: DENY,
 * Referrer-Policy: no-referrer, Cross-Origin-Opener/Resource-Policy, Strict-Transport-Security
 * (honoured by browsers once served over https), and no X-Powered-By.
 */
export function securityHeaders(): RequestHandler {
  const app = withPolicy(WEB_APP_CSP);
  const docs = withPolicy(API_DOCS_CSP);
  const mail = withPolicy(DEMO_MAIL_CSP);
  return function securityHeadersByArea(req: Request, res: Response, next: NextFunction) {
    const path = req.path;
    if (path === '/api/docs' || path.startsWith('/api/docs/')) return docs(req, res, next);
    if (path === '/demo/mail' || path.startsWith('/demo/mail/')) return mail(req, res, next);
    return app(req, res, next);
  };
}

/** The demo's stand-ins for Weibo, JD and Google News answer JSON, JSONP and RSS to scrapers: nothing for a browser to run or show. */
export const DEMO_SITE_CSP: Directives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'upgrade-insecure-requests': null,
};

/** The same headers on the demo's platform sites, which the daemon serves on a port of their own in demo mode. */
export function demoSiteHeaders(): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void {
  return withPolicy(DEMO_SITE_CSP);
}
