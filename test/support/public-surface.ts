/**
 * What goldenhour answers without a token, reviewed one by one. The route audits fail when the daemon
 * starts serving something not listed here, until it is added here and to README "Security" on purpose.
 */

/** Nest routes marked @Public(). */
export const PUBLIC_NEST_ROUTES = [
  'GET /healthz', // liveness probe: { status: "ok" }
  'GET /readyz', // readiness probe: database ping time
  'POST /api/v1/session', // the web app's sign-in: exchanges a token for the session cookie (same origin only)
  'DELETE /api/v1/session', // sign-out: expires the cookie (needs the CSRF token when a session cookie is sent)
  'GET /demo/mail', // demo mode only (404 otherwise): the demo's caught mail
  'GET /demo/mail/json',
  'GET /demo/mail/:id/cid/:cid',
  'POST /api/v1/cases/sync', // the CRM's reports: HMAC-signed with the shared secret, timestamp + nonce against replays
].sort();

/** Routes registered outside Nest's controllers: Swagger UI and the OpenAPI document (the API's description, no data). */
export const PUBLIC_OUTSIDE_NEST = [
  'GET /api/docs',
  'GET /api/docs/',
  'GET /api/docs-yaml',
  'GET /api/docs/LICENSE',
  'GET /api/docs/docs/swagger-ui-init.js',
  'GET /api/docs/index.html',
  'GET /api/docs/openapi.json',
  'GET /api/docs/swagger-ui-init.js',
].sort();

/** The Express middleware in the order it runs, and what each may answer by itself. */
export const REVIEWED_MIDDLEWARE: [name: string, answers: string][] = [
  ['<anonymous>', "nothing: Nest's response hook"],
  ['securityHeadersByArea', 'nothing: sets the security headers on every answer'],
  ['jsonParser', 'nothing: reads bodies'],
  ['urlencodedParser', 'nothing: reads bodies'],
  ['textParser', 'nothing: reads bodies'],
  ['bodyParserErrorsAsJson', 'a 400 or 413 for a body it could not read'],
  ['serveStatic', 'Swagger UI files under /api/docs/ (swagger-ui-dist, public)'],
  ['serveStatic', 'the same under /api/docs/docs/'],
  ['serveStatic', "the web app's built files, dashboards/dist (code, no data)"],
  ['webAppIndexFallback', "the web app's index.html for any other GET outside /api, /healthz, /readyz, /metrics and /demo"],
  ['<anonymous>', "Nest's 404"],
  ['<anonymous>', "Nest's error handler"],
];

/** The public paths as README "Security" names them (its "What is public." paragraph); "…" ends a prefix. */
export const README_PUBLIC = ['GET /healthz', 'GET /readyz', '/', '/index.html', '/assets/…', 'POST /api/v1/session', 'DELETE /api/v1/session', 'POST /api/v1/cases/sync', '/api/docs…', '/demo/mail…'];

/** The README entry that names a public "METHOD /path", if any. */
export function readmeEntryFor(route: string): string | undefined {
  const [method, path] = route.split(' ') as [string, string];
  return README_PUBLIC.find((entry) => {
    const [m, p] = entry.includes(' ') ? (entry.split(' ') as [string, string]) : [undefined, entry];
    if (m && m !== method) return false;
    return p.endsWith('…') ? path.startsWith(p.slice(0, -1)) : path === p;
  });
}
