import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../platform/paths.js';

/** Paths the web app never answers: the API and the operational endpoints keep their own 404s. */
const RESERVED = /^\/(api|healthz|readyz|metrics|demo)(\/|$|\?)/;

/**
 * Serves the built web app (dashboards/dist) at `/`, with index.html for any other GET so the
 * single-page app's own routes survive a reload. Registered at module init: after the API routes,
 * before Nest's not-found handler.
 */
@Injectable()
export class WebApp implements OnModuleInit {
  private readonly logger = new Logger(WebApp.name);

  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    const dist = join(projectRoot(), 'dashboards/dist');
    const index = join(dist, 'index.html');
    const http = this.adapter.httpAdapter?.getInstance<express.Express>();
    if (!http) return;
    if (!existsSync(index)) {
      this.logger.warn({ event: 'web_app_missing', dir: dist, fix: 'run `node scripts/build-web.js` (npm start does it when missing)' });
      return;
    }
    http.use(express.static(dist, { index: false, maxAge: '1h', immutable: false }));
    http.use(function webAppIndexFallback(req: Request, res: Response, next: NextFunction) {
      if (req.method !== 'GET' || RESERVED.test(req.path)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
}
