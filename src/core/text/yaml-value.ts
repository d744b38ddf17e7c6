import { isAlias, visit, type Document, type LineCounter } from 'yaml';

/**
 * A parsed YAML document's value, or where and why it has none. `doc.toJS()` throws on an alias whose
 * anchor does not exist ("y: *a") and on alias expansion past the library's limit (a "billion laughs"
 * file); configuration, rule, SLA and recipe files are read with this instead, so such a file is an
 * error at its line, not a crash (found by fuzzing the parsers).
 */
export function yamlValue(doc: Document, lines: LineCounter): { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string } {
  try {
    return { ok: true, value: doc.toJS() };
  } catch (err) {
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        if (isAlias(node) && node.resolve(doc) === undefined) {
          offset = node.range?.[0] ?? 0;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    const pos = lines.linePos(offset);
    return { ok: false, line: pos.line, column: pos.col, message: `YAML: ${(err as Error).message.split('\n')[0]}` };
  }
}
