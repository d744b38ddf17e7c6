/**
 * The small path language recipes use to point into JSON (and parsed RSS/XML):
 *   data.cards[*].mblog          every card's mblog (a `*` fans out; missing values drop out)
 *   [0][2]                       array indices, also at the start (Google Play's nested arrays)
 *   actions_summary[id=2].count  the first element whose `id` is 2
 *   $.includes.users[id=@author_id].username
 *                                `$` starts at the page document; `@path` is read from the current item
 */
export type Segment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'match'; key: string; value: string; fromItem: boolean };

export interface ParsedPath {
  fromRoot: boolean;
  segments: Segment[];
}

const TOKEN = /\.?([^.[\]]+)|\[(\*|-?\d+|[^\]=]+=[^\]]*)\]/y;

/** Parses a path; throws with the offending position when the path is malformed. */
export function parsePath(path: string): ParsedPath {
  let rest = path.trim();
  const fromRoot = rest === '$' || rest.startsWith('$.') || rest.startsWith('$[');
  if (fromRoot) rest = rest.slice(1);
  const segments: Segment[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < rest.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(rest);
    if (!m) throw new Error(`malformed path "${path}" near "${rest.slice(at)}": use keys joined by ".", [n], [*] or [key=value]`);
    if (m[1] !== undefined) segments.push({ kind: 'key', key: m[1] });
    else if (m[2] === '*') segments.push({ kind: 'all' });
    else if (/^-?\d+$/.test(m[2]!)) segments.push({ kind: 'index', index: Number(m[2]) });
    else {
      const eq = m[2]!.indexOf('=');
      const value = m[2]!.slice(eq + 1);
      segments.push({ kind: 'match', key: m[2]!.slice(0, eq), value: value.replace(/^@/, ''), fromItem: value.startsWith('@') });
    }
  }
  return { fromRoot, segments };
}

const cache = new Map<string, ParsedPath>();

function parsed(path: string): ParsedPath {
  let p = cache.get(path);
  if (!p) {
    p = parsePath(path);
    cache.set(path, p);
  }
  return p;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Every value the path reaches from `item` (or from `root` for `$` paths), in document order. */
export function selectAll(path: string, item: unknown, root: unknown = item): unknown[] {
  const { fromRoot, segments } = parsed(path);
  let current: unknown[] = [fromRoot ? root : item];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of current) {
      if (!isRecord(v)) continue;
      if (seg.kind === 'key') next.push((v as Record<string, unknown>)[seg.key]);
      else if (seg.kind === 'index' && Array.isArray(v)) next.push(v.at(seg.index));
      else if (seg.kind === 'all') next.push(...(Array.isArray(v) ? v : Object.values(v)));
      else if (seg.kind === 'match') {
        const wanted = seg.fromItem ? String(selectFirst(seg.value, item, root) ?? '') : seg.value;
        const list = Array.isArray(v) ? v : [v];
        const hit = list.find((e) => isRecord(e) && (textOf(selectFirst(seg.key, e)) ?? '') === wanted);
        next.push(hit);
      }
    }
    current = next.filter((x) => x !== undefined && x !== null);
  }
  return current;
}

/** The first value the path reaches, or undefined. */
export function selectFirst(path: string, item: unknown, root: unknown = item): unknown {
  return selectAll(path, item, root)[0];
}

/** A scalar's text; XML-parsed nodes with attributes carry their text under "#text". */
export function textOf(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isRecord(v) && '#text' in v) return textOf((v as Record<string, unknown>)['#text']);
  return undefined;
}
