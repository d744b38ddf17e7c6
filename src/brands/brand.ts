import { brandConfigSchema } from '../platform/config/schema.js';
import type { BrandConfig } from '../platform/config/schema.js';

/** A watched brand: names and keywords in several languages, competitors for share of voice. */
export type Brand = BrandConfig;
export const brandSchema = brandConfigSchema;

/** Every string a mention's `brand` field may use to name this brand, lower-cased. */
export function brandNames(b: Brand): string[] {
  return [b.id, b.name, ...Object.values(b.names), ...b.aliases].map((s) => s.toLowerCase());
}

/**
 * The names that carry no sentiment and are no topic in a mention of `brand`: its id, names and aliases,
 * and those of its competitors (a competitor id not configured as a brand counts as a name itself).
 */
export function neutralNames(brand: Brand, all: readonly Brand[]): string[] {
  const own = (b: Brand) => [b.id, b.name, ...Object.values(b.names), ...b.aliases];
  const competitors = brand.competitors.flatMap((id) => {
    const c = all.find((b) => b.id === id);
    return c ? own(c) : [id];
  });
  return [...new Set([...own(brand), ...competitors])];
}
