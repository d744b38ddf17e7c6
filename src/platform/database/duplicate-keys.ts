import type { mongo } from 'mongoose';

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

/**
 * Unordered insert of all docs in chunks, where a duplicate `_id` means "already there" (the first writer
 * keeps it): returns the positions refused as duplicate keys; any other failure is thrown.
 */
export async function insertKeepingFirst<T extends mongo.Document>(col: mongo.Collection<T>, docs: readonly T[], chunk = 500): Promise<number[]> {
  const refused: number[] = [];
  for (let i = 0; i < docs.length; i += chunk) {
    try {
      await col.insertMany(docs.slice(i, i + chunk) as never[], { ordered: false });
    } catch (err) {
      const dup = duplicateKeyIndexes(err);
      if (!dup) throw err;
      refused.push(...dup.map((k) => k + i));
    }
  }
  return refused;
}
