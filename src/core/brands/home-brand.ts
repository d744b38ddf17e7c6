/** The part of a brand that decides which one a dashboard opens on. */
export interface BrandRole {
  id: string;
  kind?: 'own' | 'competitor';
  competitors: readonly string[];
}

/**
 * The brand a dashboard opens on when none is named: the user's own brand, never a competitor tracked for
 * share of voice. Own brands are those not marked `kind: competitor`; among them, one no other own brand
 * lists as its competitor comes first. Falls back to the first brand; undefined without brands.
 */
export function homeBrand(brands: readonly BrandRole[]): string | undefined {
  const own = brands.filter((b) => b.kind !== 'competitor');
  const rivals = new Set(own.flatMap((b) => b.competitors));
  return (own.find((b) => !rivals.has(b.id)) ?? own[0] ?? brands[0])?.id;
}
