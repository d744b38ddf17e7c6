import { Injectable } from '@nestjs/common';

/**
 * Warm-up work that `/readyz` waits for (the first detection pass, which fills the detectors' windows),
 * so a load balancer or an operator sees the daemon ready only once it detects from its full history.
 */
@Injectable()
export class Readiness {
  private readonly pending = new Set<string>();
  private readonly background = new Set<string>();

  /** Work `/readyz` waits for. */
  track(name: string, work: Promise<unknown>): void {
    this.pending.add(name);
    void work.finally(() => this.pending.delete(name));
  }

  /** Warm-up the daemon serves without (slower meanwhile): `/readyz` names it but does not wait for it. */
  trackInBackground(name: string, work: Promise<unknown>): void {
    this.background.add(name);
    void work.finally(() => this.background.delete(name));
  }

  waiting(): string[] {
    return [...this.pending];
  }

  warmingInBackground(): string[] {
    return [...this.background];
  }
}
