/**
 * Positions of the documents an unordered bulk write refused as duplicate keys (code 11000), or null
 * when it failed for any other reason (the caller rethrows then).
 */
export function duplicateKeyIndexes(err: unknown): number[] | null {
  const writeErrors = (err as { writeErrors?: { index?: number; code?: number; err?: { index?: number; code?: number } }[] }).writeErrors;
  if (!writeErrors?.length) return null;
  const out: number[] = [];
  for (const we of writeErrors) {
    const code = we.code ?? we.err?.code;
    const index = we.index ?? we.err?.index;
    if (code !== 11000 || index === undefined) return null;
    out.push(index);
  }
  return out;
}
