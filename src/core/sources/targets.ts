import type { Recipe } from './recipe.js';
import { templateHoles, type TemplateVars } from './template.js';

/** What a target needs to know about a brand. */
export interface BrandRef {
  id: string;
  name: string;
  aliases?: string[];
  keywords: string[];
}

/** One query of a run: the brand its items belong to and the values for the URL template. */
export interface RunTarget {
  brand: string;
  vars: TemplateVars;
  /** Short label for logs and run records, e.g. "keyword=Acme" or "productId=1000". */
  label: string;
}

export type TargetPlan = { ok: true; targets: RunTarget[] } | { ok: false; error: string };

/**
 * Expands a recipe into its queries: one per product for {productId}, one per (brand, keyword) for
 * {keyword}, else the one fixed URL for its one brand. `brands` are the configured brands.
 */
export function planTargets(recipe: Recipe, brands: BrandRef[]): TargetPlan {
  const holes = new Set(templateHoles([recipe.fetch.url, ...Object.values(recipe.fetch.form ?? {})].join(' ')));
  const chosen = chooseBrands(recipe, brands);
  if (!chosen.ok) return chosen;
  if (holes.has('productId')) {
    const ids = new Set(chosen.brands.map((b) => b.id));
    const unknown = (recipe.products ?? []).find((p) => !brands.some((b) => matches(b, p.brand)));
    if (unknown) return { ok: false, error: `products: brand "${unknown.brand}" of product ${unknown.id} is not a configured brand` };
    const targets = (recipe.products ?? [])
      .map((p) => ({ p, brand: brands.find((b) => matches(b, p.brand))! }))
      .filter(({ brand }) => recipe.brands.length === 0 || ids.has(brand.id))
      .map(({ p, brand }) => ({ brand: brand.id, vars: { ...p.vars, productId: p.id }, label: `productId=${p.id}` }));
    return { ok: true, targets };
  }
  if (holes.has('keyword')) {
    const targets = chosen.brands.flatMap((b) => {
      const keywords = recipe.keywords ?? (b.keywords.length > 0 ? b.keywords : [b.name]);
      return keywords.map((k) => ({ brand: b.id, vars: { keyword: k }, label: `keyword=${k}` }));
    });
    return { ok: true, targets };
  }
  if (chosen.brands.length !== 1)
    return { ok: false, error: `the URL has no {keyword} or {productId}, so it is one feed for one brand: list exactly one brand (found ${chosen.brands.length})` };
  return { ok: true, targets: [{ brand: chosen.brands[0]!.id, vars: {}, label: 'feed' }] };
}

function matches(b: BrandRef, ref: string): boolean {
  const r = ref.toLowerCase();
  return b.id === ref || b.name.toLowerCase() === r || (b.aliases ?? []).some((a) => a.toLowerCase() === r);
}

function chooseBrands(recipe: Recipe, brands: BrandRef[]): { ok: true; brands: BrandRef[] } | { ok: false; error: string } {
  if (recipe.brands.length === 0) return { ok: true, brands };
  const chosen: BrandRef[] = [];
  for (const ref of recipe.brands) {
    const b = brands.find((x) => matches(x, ref));
    if (!b) return { ok: false, error: `brands: "${ref}" is not a configured brand (known: ${brands.map((x) => x.id).join(', ') || 'none'})` };
    chosen.push(b);
  }
  return { ok: true, brands: chosen };
}
