/**
 * Keeps the last computed value per key for its maximum age: a request within that age gets it as is; an
 * older one gets it too while one fresh computation runs in the background (one at a time per key); past
 * ten times the age, or on the first request, the caller waits for a computation. An age of 0 turns it off.
 */
export class SnapshotCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T>; refreshing: boolean }>();

  constructor(
    /** Default maximum age, ms; a call may name its own. */
    private readonly defaultMaxAgeMs: number,
    private readonly onRefreshError: (key: string, err: unknown) => void,
    private readonly maxEntries = 500,
  ) {}

  get(key: string, now: number, compute: () => Promise<T>, maxAgeMs = this.defaultMaxAgeMs): Promise<T> {
    if (maxAgeMs <= 0) return compute();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < maxAgeMs) return hit.value;
    if (hit && now - hit.at < 10 * maxAgeMs) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        compute().then(
          (value) => this.store(key, now, Promise.resolve(value)),
          (err) => {
            hit.refreshing = false;
            this.onRefreshError(key, err);
          },
        );
      }
      return hit.value;
    }
    const value = this.store(key, now, compute());
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }

  /**
   * Computes the value of `key` ahead of requests when it is missing or has used `dueShare` of its age
   * (a scheduled refresh, so requests keep finding a fresh value); waits for it, one key at a time.
   */
  async refresh(key: string, now: number, compute: () => Promise<T>, maxAgeMs = this.defaultMaxAgeMs, dueShare = 0.8): Promise<boolean> {
    const hit = this.entries.get(key);
    if (maxAgeMs <= 0 || (hit && (hit.refreshing || now - hit.at < maxAgeMs * dueShare))) return false;
    this.store(key, now, Promise.resolve(await compute()));
    return true;
  }

  /** Keeps `value` as the newest entry of `key`, dropping the least recently stored entry past the limit. */
  /** Forgets every value (after an erasure, so no snapshot keeps listing an erased post). */
  clear(): void {
    this.entries.clear();
  }

  private store(key: string, at: number, value: Promise<T>): Promise<T> {
    this.entries.delete(key);
    this.entries.set(key, { at, value, refreshing: false });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
