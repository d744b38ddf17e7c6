import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { importRow, parseMapping } from '../../src/core/mention/import-rows.js';
import { validateMention } from '../../src/core/mention/mention-input.js';
import { allKeys, fuzz, hostileKey, hostileValue } from './fuzz.js';

/** Mention-shaped objects: mostly valid fields, each one possibly replaced by something hostile. */
const field = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: hostileValue });
const mentionLike = fc
  .record(
    {
      brand: field(fc.constantFrom('acme', 'Acme Foods', '')),
      platform: field(fc.constantFrom('weibo', 'jd', 'WEIBO', 'a b')),
      externalId: field(fc.string({ minLength: 1, maxLength: 20 })),
      text: field(fc.string({ minLength: 1, maxLength: 200 })),
      title: field(fc.string({ maxLength: 50 })),
      url: field(fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', ' https://x.example', '//x.example/a', 'HTTPS://X.EXAMPLE'), fc.string())),
      publishedAt: field(fc.oneof(fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid' : d.toISOString())), fc.integer(), fc.double(), fc.string(), fc.constantFrom('2026-11-20', '2026-11-20T08:00:00', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00Z', '2026-11-20T24:00:00Z', '2026-11-20T08:00:00+99:99'))),
      engagement: field(fc.record({ likes: fc.integer(), shares: fc.nat(), comments: fc.double(), views: fc.nat() }, { requiredKeys: [] })),
      author: field(fc.record({ name: fc.string(), handle: fc.string(), followers: fc.integer() }, { requiredKeys: [] })),
      rating: field(fc.double()),
      ratingScale: field(fc.double()),
      extra: field(fc.dictionary(hostileKey, hostileValue, { maxKeys: 4 })),
    },
    { requiredKeys: [] },
  )
  .chain((m) => fc.dictionary(hostileKey, hostileValue, { maxKeys: 2 }).map((more) => ({ ...m, ...more })));

/** What every checked mention must satisfy, and every refusal. */
function checkOutcome(input: unknown, r: ReturnType<typeof validateMention>): void {
  if (r.ok) {
    expect(allKeys(r.mention).filter((k) => k.startsWith('$') || k.includes('.') || k.includes('\0') || k === '__proto__')).toEqual([]);
    if (r.mention.url !== undefined) expect(new URL(r.mention.url).protocol).toMatch(/^https?:$/);
    for (const d of [r.mention.publishedAt, r.mention.observedAt]) if (d) expect(d.toISOString()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    return;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  const isObject = input !== null && typeof input === 'object' && !Array.isArray(input);
  for (const e of r.errors) {
    expect(e.field.length).toBeGreaterThan(0);
    expect(e.message.length).toBeGreaterThan(0);
    // A refused object names the field at fault; only the whole item's type or size is "(item)".
    if (isObject && e.field === '(item)') expect(e.message).toMatch(/^larger than/);
  }
  expect(r.error).toBe(r.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
}

describe('fuzzing the ingest schema and the import parser', () => {
  it('validateMention never throws, never passes a $-key or a non-http link, and names the field of every refusal', () => {
    const runs = fuzz('ingest schema', fc.property(fc.oneof({ weight: 5, arbitrary: mentionLike }, { weight: 1, arbitrary: hostileValue }), (input) => checkOutcome(input, validateMention(input))));
    expect(runs).toBeGreaterThan(100);
  });

  it('the import parser never throws, stores no $-key, and names the field of every refused row', () => {
    const spec = fc.array(fc.tuple(fc.constantFrom('text', 'publishedAt', 'externalId', 'likes', 'url', 'author', 'a.b', '$where', 'x y', ''), fc.string({ maxLength: 8 })), { maxLength: 4 }).map((pairs) => pairs.map(([f, c]) => `${f}=${c}`).join(','));
    const runs = fuzz(
      'import parser',
      fc.property(mentionLike, fc.oneof(spec, fc.string({ maxLength: 30 })), fc.dictionary(fc.constantFrom('brand', 'platform', 'source'), fc.string({ maxLength: 10 })), (row, mapSpec, defaults) => {
        let columns: Record<string, string>;
        try {
          columns = parseMapping(mapSpec);
        } catch (e) {
          expect((e as Error).message).toMatch(/^--map: /);
          return;
        }
        const r = importRow(row as Record<string, unknown>, { columns, defaults });
        checkOutcome(row, r);
      }),
    );
    expect(runs).toBeGreaterThan(100);
  });
});
