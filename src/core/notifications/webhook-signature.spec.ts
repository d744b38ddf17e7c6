import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { signWebhook } from './webhook-signature.js';

describe(signWebhook.name, () => {
  it('signs the timestamp and the body together, so neither can be replayed with the other changed', () => {
    const expected = createHmac('sha256', 's3cret').update('1700000000.{"a":1}').digest('hex');
    expect(signWebhook('s3cret', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
    expect(signWebhook('s3cret', '1700000001', '{"a":1}')).not.toBe(signWebhook('s3cret', '1700000000', '{"a":1}'));
  });
});
