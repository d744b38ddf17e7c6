import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

/** The security scheme of the OpenAPI document: an API token from `goldenhour token create`, sent as a bearer header. */
export const API_TOKEN_SCHEME = 'api-token';

/** The JSON schema of a request body, from the zod schema that validates it (one definition for both). */
export function bodySchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

/**
 * A route's line in the OpenAPI document: its summary and, for a route that takes one, its request
 * body's schema. `public` routes need no token (the document asks for one everywhere else).
 */
export function ApiRoute(summary: string, opts: { body?: z.ZodType; description?: string; public?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, ...(opts.description ? { description: opts.description } : {}), ...(opts.public ? { security: [] } : {}) }),
    ...(opts.body ? [ApiBody({ schema: bodySchemaOf(opts.body) as never })] : []),
  );
}
