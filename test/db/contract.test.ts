import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers.ts';

/**
 * The API contract: every operation in the app's own OpenAPI document describes its request (a body
 * schema for every write, a schema for every path parameter) and its successful response, so the
 * document describes the whole API and the web app can take its wire types from the same schemas.
 */

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
type Doc = { paths: Record<string, Record<string, Operation>> };

const WRITES = new Set(['post', 'put', 'patch']);

/**
 * Writes whose body is not JSON: multipart uploads, read by @fastify/multipart and checked by
 * src/server/uploads.ts (size, type, fields) instead of a schema.
 */
const MULTIPART_UPLOADS = new Set(['POST /api/registry/imports', 'POST /api/coord/reports/{department}/{period}/attachments', 'POST /api/portal/media']);

/** What one operation lacks, in words; empty when it is fully described. */
function gaps(key: string, path: string, method: string, op: Operation): string[] {
  const missing: string[] = [];
  const success = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2'));
  const described = success.some(([status, r]) => status === '204' || Object.values(r.content ?? {}).some((c) => c.schema !== undefined));
  if (!described) missing.push('response schema');
  if (WRITES.has(method) && !MULTIPART_UPLOADS.has(key) && !op.requestBody?.content) missing.push('body schema');
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    const param = op.parameters?.find((p) => p.in === 'path' && p.name === name);
    // A bare `type: string` is what the document says of a parameter no schema describes.
    const schema = param?.schema ?? {};
    const bare = Object.keys(schema).every((k) => k === 'type') && schema.type === 'string';
    if (!param || bare) missing.push(`schema of path parameter ${name}`);
  }
  return missing;
}

describe('the API contract', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await startTestApp();
    doc = t.app.swagger() as unknown as Doc;
  });
  afterAll(() => t.close());

  it('describes the request and the response of every operation', () => {
    const found: Record<string, string[]> = {};
    let count = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const key = `${method.toUpperCase()} ${path}`;
        count++;
        const missing = gaps(key, path, method, op);
        if (missing.length > 0) found[key] = missing;
      }
    }
    expect(count).toBeGreaterThan(100);
    expect(found).toEqual({});
  });

  it('lists as uploads only operations that exist and take multipart bodies', () => {
    for (const key of MULTIPART_UPLOADS) {
      const [method, path] = key.split(' ') as [string, string];
      expect(doc.paths[path]?.[method.toLowerCase()], key).toBeDefined();
    }
  });
});
