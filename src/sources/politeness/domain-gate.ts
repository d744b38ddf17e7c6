/** How hard one domain may be hit: parallel requests and the gap between request starts. */
export interface DomainPace {
  concurrency: number;
  minIntervalMs: number;
}

interface Lane {
  active: number;
  nextStartAt: number;
  waiting: Array<() => void>;
  pace: DomainPace;
}

/**
 * Per-domain concurrency and rate limit shared by every source of the process: two recipes for the
 * same site queue behind each other. The strictest pace asked for a domain wins.
 */
export class DomainGate {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly monotonicNow: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Runs `work` once the domain has a free slot and its interval has passed. */
  async run<T>(url: string, pace: DomainPace, work: () => Promise<T>): Promise<T> {
    const lane = this.lane(new URL(url).host, pace);
    await this.acquire(lane);
    try {
      const wait = lane.nextStartAt - this.monotonicNow();
      lane.nextStartAt = Math.max(lane.nextStartAt, this.monotonicNow()) + lane.pace.minIntervalMs;
      if (wait > 0) await this.sleep(wait);
      return await work();
    } finally {
      lane.active--;
      lane.waiting.shift()?.();
    }
  }

  private lane(host: string, pace: DomainPace): Lane {
    let lane = this.lanes.get(host);
    if (!lane) {
      lane = { active: 0, nextStartAt: 0, waiting: [], pace: { ...pace } };
      this.lanes.set(host, lane);
    }
    lane.pace = {
      concurrency: Math.min(lane.pace.concurrency, pace.concurrency),
      minIntervalMs: Math.max(lane.pace.minIntervalMs, pace.minIntervalMs),
    };
    return lane;
  }

  private async acquire(lane: Lane): Promise<void> {
    while (lane.active >= lane.pace.concurrency) await new Promise<void>((resolve) => lane.waiting.push(resolve));
    lane.active++;
  }
}
