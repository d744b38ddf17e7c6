/**
 * Reads kept for one pass of a job (a detection pass): the first caller of a key reads, later callers of the pass
 * share its answer. Never kept beyond the pass, so never the truth: the next pass reads again. A failed read is
 * dropped, so a later caller in the pass tries again. Callers must not change what it returns.
 */
export class PassReads<K, V> {
  private readonly kept = new Map<K, Promise<V>>();

  constructor(private readonly read: (key: K) => Promise<V>) {}

  get(key: K): Promise<V> {
    let value = this.kept.get(key);
    if (!value) {
      value = this.read(key);
      this.kept.set(key, value);
      const kept = value;
      value.catch(() => this.kept.get(key) === kept && this.kept.delete(key));
    }
    return value;
  }
}
