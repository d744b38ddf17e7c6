import type { Connection } from 'mongoose';

/** Every stored mention document matching `filter`, across the day partitions (`mentions_YYYYMMDD`). */
export async function storedMentions(connection: Connection, filter: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const c of await connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
    if (/^mentions_\d{8}$/.test(c.name)) out.push(...(await connection.db!.collection(c.name).find(filter as never).toArray()));
  }
  return out;
}

/** Drops every collection whose name starts with one of the prefixes (a test's clean slate). */
export async function dropCollections(connection: Connection, ...prefixes: string[]): Promise<void> {
  for (const c of await connection.db!.listCollections({}, { nameOnly: true }).toArray()) {
    if (prefixes.some((p) => c.name.startsWith(p))) await connection.db!.dropCollection(c.name);
  }
}
