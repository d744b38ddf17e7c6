/** Sliding one-minute windows per destination: how many sends a channel may make, and when the next is allowed. */
export class RateWindow {
  private readonly sent = new Map<string, number[]>();

  /** Records a send at `now` and returns undefined, or returns the time the next send to `key` is allowed. */
  reserve(key: string, perMinute: number, now: Date): Date | undefined {
    const t = now.getTime();
    const recent = (this.sent.get(key) ?? []).filter((s) => t - s < 60_000);
    if (recent.length >= perMinute) {
      this.sent.set(key, recent);
      return new Date(recent[0] + 60_000);
    }
    recent.push(t);
    this.sent.set(key, recent);
    return undefined;
  }
}
