/** The names a brand goes by: its id, display name, names per language and aliases; competitors by id. */
export interface BrandNaming {
  id: string;
  name: string;
  names: Record<string, string>;
  aliases: readonly string[];
  competitors: readonly string[];
}

/** Every string a mention's `brand` field may use to name this brand, lower-cased. */
export function brandNames(b: BrandNaming): string[] {
  return [b.id, b.name, ...Object.values(b.names), ...b.aliases].map((s) => s.toLowerCase());
}

/**
 * The names that carry no sentiment and are no topic in a mention of `brand`: its id, names and aliases,
 * and those of its competitors (a competitor id not configured as a brand counts as a name itself).
 */
export function neutralNames(brand: BrandNaming, all: readonly BrandNaming[]): string[] {
  const own = (b: BrandNaming) => [b.id, b.name, ...Object.values(b.names), ...b.aliases];
  const competitors = brand.competitors.flatMap((id) => {
    const c = all.find((b) => b.id === id);
    return c ? own(c) : [id];
  });
  return [...new Set([...own(brand), ...competitors])];
}
