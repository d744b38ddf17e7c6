import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

interface Operation { summary?: string; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; security?: unknown[] }
type Doc = { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, Record<string, string>> }; security: Record<string, unknown[]>[] };

/** Writes that take no body: the path says everything. */
const NO_BODY = ['post /api/v1/incidents/{id}/pause', 'post /api/v1/incidents/{id}/resume', 'post /api/v1/sources/{name}/run', 'post /api/v1/outbox/{id}/retry', 'delete /api/v1/tokens/{id}', 'delete /api/v1/brands/{id}', 'delete /api/v1/session', 'delete /api/v1/mentions/{id}/sentiment', 'delete /api/v1/privacy/subjects'];

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await startTestApp({ label: 'openapi' });
    doc = (await (await t.request('/api/docs/openapi.json')).json()) as Doc;
  }, 120_000);
  afterAll(async () => t.close());

  const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method} ${path}`, op })));

  it('gives every route a summary', () => {
    expect(operations().filter(({ op }) => !op.summary?.trim()).map(({ route }) => route)).toEqual([]);
  });

  it('describes the request body of every write from the schema that validates it', () => {
    const writes = operations().filter(({ route }) => /^(post|put|patch|delete) /.test(route) && !NO_BODY.includes(route));
    expect(writes.filter(({ op }) => !op.requestBody?.content['application/json']?.schema).map(({ route }) => route)).toEqual([]);
    const respond = doc.paths['/api/v1/incidents/{id}/respond']!.post!.requestBody!.content['application/json']!.schema;
    expect(respond).toMatchObject({ type: 'object', required: ['url', 'text'], additionalProperties: false });
  });

  it('asks for an API token as a bearer header everywhere but the health checks, and does not call it a JWT', () => {
    const schemes = Object.values(doc.components.securitySchemes);
    expect(schemes).toEqual([expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'API token' })]);
    expect(JSON.stringify(doc)).not.toContain('"bearerFormat":"JWT"');
    expect(doc.security).toEqual([{ 'api-token': [] }]);
    expect(doc.paths['/healthz']!.get!.security).toEqual([]);
    expect(doc.paths['/readyz']!.get!.security).toEqual([]);
    expect(doc.paths['/api/v1/incidents']!.get!.security).toBeUndefined();
  });
});
