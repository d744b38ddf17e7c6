import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';

/**
 * Validates a request body (or query) with a zod schema. Keys starting with "$" are refused anywhere
 * in the body, so nothing a client sends can become a MongoDB operator.
 */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const dollar = findDollarKey(value, '');
    if (dollar) throw new BadRequestException({ statusCode: 400, message: `${dollar}: keys starting with "$" are not allowed`, errors: [{ path: dollar, message: 'keys starting with "$" are not allowed' }] });
    const r = this.schema.safeParse(value);
    if (r.success) return r.data;
    const errors = r.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || '(body)',
      message: i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message,
    }));
    throw new BadRequestException({ statusCode: 400, message: errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors });
  }
}

function findDollarKey(v: unknown, path: string, depth = 0): string | null {
  if (depth > 20 || v === null || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const hit = findDollarKey(v[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, child] of Object.entries(v)) {
    const p = path ? `${path}.${k}` : k;
    if (k.startsWith('$')) return p;
    const hit = findDollarKey(child, p, depth + 1);
    if (hit) return hit;
  }
  return null;
}
