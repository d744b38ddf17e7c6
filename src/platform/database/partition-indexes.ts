import type { mongo } from 'mongoose';

/**
 * The indexes of partition collections (`name_YYYYMMDD` and the like), declared once per process when a
 * partition is first used: on a MongoDB server they serve the queries each caller names; FerretDB takes
 * them and scans anyway. Not awaited, so a write never waits for it; a failed declaration is tried again
 * at the partition's next use.
 */
export class PartitionIndexes {
  private readonly declared = new Set<string>();

  constructor(private readonly db: () => mongo.Db) {}

  collection<T extends mongo.Document>(name: string, ...indexes: mongo.IndexSpecification[]): mongo.Collection<T> {
    if (!this.declared.has(name)) {
      this.declared.add(name);
      void Promise.all(indexes.map((spec) => this.db().collection(name).createIndex(spec))).catch(() => this.declared.delete(name));
    }
    return this.db().collection<T>(name);
  }
}
