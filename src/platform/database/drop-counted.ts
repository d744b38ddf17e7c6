import type { mongo } from 'mongoose';

/**
 * Drops a collection and returns how many documents it held, read from the engine's own bookkeeping
 * (`$collStats` count: SQLite's b-tree cell counts on FerretDB, the collection metadata on MongoDB)
 * instead of counting the documents. On FerretDB a `count` decodes the whole collection inside the
 * single SQLite writer's lock (about 4 s for an 11,000-mention day, ingest stopped meanwhile); the
 * `$collStats` count and the drop take milliseconds each and leave the writer to ingest.
 */
export async function dropCounted(db: mongo.Db, name: string): Promise<number> {
  const col = db.collection(name);
  let n = 0;
  try {
    const [stats] = await col.aggregate<{ count?: number }>([{ $collStats: { count: {} } }]).toArray();
    n = stats?.count ?? 0;
  } catch (err) {
    if ((err as { codeName?: string }).codeName !== 'NamespaceNotFound') throw err;
    return 0;
  }
  await col.drop().catch(() => undefined);
  return n;
}
