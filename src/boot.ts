import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module.js';
import { API_TOKEN_SCHEME } from './platform/http/api-route.js';
import { securityHeaders } from './platform/http/security-headers.js';
import type { PlatformOptions } from './platform/platform.module.js';

/** Builds the Nest application with goldenhour's HTTP settings (security headers, body limits, API docs, shutdown hooks). */
export async function createApp(opts: PlatformOptions & { logger?: LoggerService | false }): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(opts), {
    bodyParser: false,
    // Kept as req.rawBody: signed webhooks (POST /api/v1/cases/sync) are verified over the bytes sent.
    rawBody: true,
    logger: opts.logger ?? false,
    abortOnError: false,
  });
  // First, so every answer carries them: API, web app, docs, demo pages, errors.
  app.use(securityHeaders());
  const limit = opts.config.api.bodyLimit;
  app.useBodyParser('json', { limit });
  app.useBodyParser('urlencoded', { limit, extended: false });
  app.useBodyParser('text', { limit, type: ['text/csv', 'text/plain', 'application/x-ndjson'] });
  // Body-parser failures (too large, malformed JSON) happen before Nest's pipeline: answer them in JSON too.
  app.use(function bodyParserErrorsAsJson(err: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) {
    if (!err || !err.status) return next(err);
    const message = err.type === 'entity.too.large' ? `request body is larger than the limit of ${limit}: send smaller batches` : err.type === 'entity.parse.failed' ? `malformed JSON body: ${err.message}` : err.message;
    res.status(err.status).json({ statusCode: err.status, message });
  });
  app.disable('x-powered-by');
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('goldenhour API').setDescription('Brand-reputation and crisis monitoring: mentions, signals, alerts, incidents, dashboards.').setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API token', description: 'An API token (`goldenhour token create --role viewer|responder|admin`), sent as `Authorization: Bearer <token>`: an opaque random string stored as a hash, not a JWT.' }, API_TOKEN_SCHEME)
      .addSecurityRequirements(API_TOKEN_SCHEME)
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
