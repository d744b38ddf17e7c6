/** The generic webhook's signature, shared by what goldenhour sends and what it accepts (the CRM's callbacks). */
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-goldenhour-signature';
export const TIMESTAMP_HEADER = 'x-goldenhour-timestamp';

/** Hex HMAC-SHA256 over `${timestamp}.${body}`, written as `sha256=<hex>`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
