import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { fieldErrors, formatFieldErrors, unsafeKeys, type FieldError } from '../../core/mention/mention-input.js';

/**
 * Validates a request body (or query) with a zod schema. Keys starting with "$" (and the other keys
 * MongoDB must never see) are refused anywhere in the body, so nothing a client sends can become an
 * operator. Errors name the field: `{ message: "field: reason; …", errors: [{ path, message }] }`,
 * the same wording the mention ingest path uses.
 */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const unsafe = unsafeKeys(value);
    if (unsafe.length) throw badRequest(unsafe);
    const r = this.schema.safeParse(value);
    if (r.success) return r.data;
    throw badRequest(fieldErrors(r.error.issues, '(body)'));
  }
}

function badRequest(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: formatFieldErrors(errors), errors: errors.map((e) => ({ path: e.field, message: e.message })) });
}
