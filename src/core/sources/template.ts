/** Values for a URL or body template: keyword, page, productId, cursor, and a product's own vars. */
export type TemplateVars = Record<string, string | number | undefined>;

const HOLE = /\{([A-Za-z_][A-Za-z0-9_]*)((?:\|[a-z]+)*)\}/g;

/**
 * Fills {name} holes. In URLs values are percent-encoded; a query parameter whose whole value is
 * a hole that came out empty is dropped (first pages have no cursor). Filters: {x|raw} leaves the
 * value as is, {x|json} writes a JSON literal (null when empty), {x|jsonstr} escapes for inside a JSON string.
 */
export function fillTemplate(template: string, vars: TemplateVars, context: 'url' | 'text' = 'url'): string {
  const fill = (name: string, filters: string) => {
    const raw = vars[name];
    let value = raw === undefined ? '' : String(raw);
    const list = filters.split('|').filter(Boolean);
    for (const f of list) {
      if (f === 'json') value = value === '' ? 'null' : JSON.stringify(value);
      else if (f === 'jsonstr') value = JSON.stringify(value).slice(1, -1);
    }
    return context === 'url' && !list.includes('raw') ? encodeURIComponent(value) : value;
  };
  if (context === 'text') return template.replace(HOLE, (_, name: string, filters: string) => fill(name, filters));
  const [base, query] = splitQuery(template);
  const filledBase = base.replace(HOLE, (_, name: string, filters: string) => fill(name, filters));
  if (query === undefined) return filledBase;
  const params = query
    .split('&')
    .filter((param) => {
      const m = /^[^=]*=\{([A-Za-z_][A-Za-z0-9_]*)(?:\|[a-z]+)*\}$/.exec(param);
      return !m || (vars[m[1]!] !== undefined && vars[m[1]!] !== '');
    })
    .map((param) => param.replace(HOLE, (_, name: string, filters: string) => fill(name, filters)));
  return params.length > 0 ? `${filledBase}?${params.join('&')}` : filledBase;
}

function splitQuery(template: string): [string, string | undefined] {
  const q = template.indexOf('?');
  return q < 0 ? [template, undefined] : [template.slice(0, q), template.slice(q + 1)];
}

/** Names of the holes a template uses. */
export function templateHoles(template: string): string[] {
  return [...template.matchAll(HOLE)].map((m) => m[1]!);
}

/**
 * Replaces ${env:NAME} with values from `env` (header secrets such as a bearer token stay out of
 * recipe files); returns the names that were not set.
 */
export function fillEnv(text: string, env: Record<string, string | undefined>): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = env[name];
    if (v === undefined || v === '') missing.push(name);
    return v ?? '';
  });
  return { value, missing };
}
