import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { Express } from 'express';
import { PUBLIC_KEY, ROLES_KEY, type Role } from '../../src/platform/auth/roles.decorator.js';

export interface AuditedRoute {
  method: string;
  path: string;
  public: boolean;
  role: Role;
}

/** Every route Nest registered, read from the controllers' own metadata, with the role its guard asks for. */
export function nestRoutes(app: INestApplication): AuditedRoute[] {
  const routes: AuditedRoute[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!ctrl) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      const proto = ctrl.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const isPublic = Boolean(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, ctrl));
        const role = (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, ctrl) ?? 'viewer') as Role;
        const full = `/${[base, path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
        routes.push({ method: RequestMethod[method], path: full, public: isPublic, role });
      }
    }
  }
  return routes.sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`));
}

interface Layer {
  name: string;
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * The whole HTTP stack as Express runs it, Nest's routes and everything else: routes as "GET /path",
 * and the middleware between them by function name, in order.
 */
export function httpStack(app: INestApplication): { routes: string[]; middleware: string[] } {
  const http = app.getHttpAdapter().getInstance() as Express & { router: { stack: Layer[] } };
  const routes: string[] = [];
  const middleware: string[] = [];
  for (const layer of http.router.stack) {
    if (layer.route) for (const m of Object.keys(layer.route.methods)) routes.push(`${m.toUpperCase()} ${layer.route.path}`);
    else middleware.push(layer.name);
  }
  return { routes, middleware };
}

/** What is missing from an answer's security headers (empty when all are there). */
export function missingSecurityHeaders(res: Response): string[] {
  const h = res.headers;
  const problems: string[] = [];
  if (!/frame-ancestors 'none'/.test(h.get('content-security-policy') ?? '')) problems.push('content-security-policy with frame-ancestors');
  if (h.get('x-content-type-options') !== 'nosniff') problems.push('x-content-type-options');
  if (h.get('x-frame-options') !== 'DENY') problems.push('x-frame-options');
  if (h.get('referrer-policy') !== 'no-referrer') problems.push('referrer-policy');
  if (h.get('x-powered-by') !== null) problems.push('x-powered-by present');
  return problems;
}
