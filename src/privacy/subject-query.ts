import { z } from 'zod';
import type { Subject } from '../core/privacy/subject.js';

/**
 * How a request names a person: `platform` + `author` (their handle, or display name when the platform
 * has no handle), or `mention` (`platform:externalId`), or `url` of one of their posts.
 */
export const subjectQuery = z
  .strictObject({
    platform: z.string().min(1).optional(),
    author: z.string().min(1).optional(),
    mention: z.string().regex(/^[^:]+:.+$/, 'a mention id "platform:externalId"').optional(),
    url: z.string().url().optional(),
  })
  .refine((q) => [q.author !== undefined, q.mention !== undefined, q.url !== undefined].filter(Boolean).length === 1, { error: 'name the person one way: platform and author, or mention, or url' })
  .refine((q) => q.author === undefined || q.platform !== undefined, { error: 'author needs platform (e.g. platform=weibo&author=handle)', path: ['platform'] });

export function subjectOf(q: z.infer<typeof subjectQuery>): Subject {
  if (q.author !== undefined) return { platform: q.platform!, author: q.author };
  if (q.mention !== undefined) return { mention: q.mention };
  return { url: q.url! };
}
