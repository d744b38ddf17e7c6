import { brandConfigSchema } from '../platform/config/schema.js';
import type { BrandConfig } from '../platform/config/schema.js';

/** A watched brand: names and keywords in several languages, competitors for share of voice. */
export type Brand = BrandConfig;
export const brandSchema = brandConfigSchema;
