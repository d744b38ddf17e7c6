import { brandConfigSchema } from '../platform/config/schema.js';
import type { BrandConfig } from '../platform/config/schema.js';

/** A watched brand: names and keywords in several languages, competitors for share of voice. */
export type Brand = BrandConfig;
export const brandSchema = brandConfigSchema;

/** Every string a mention's `brand` field may use to name this brand, lower-cased. */
export function brandNames(b: Brand): string[] {
  return [b.id, b.name, ...Object.values(b.names), ...b.aliases].map((s) => s.toLowerCase());
}
