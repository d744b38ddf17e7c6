import { Injectable } from '@nestjs/common';
import { SignalsRepository } from './signals.repository.js';

/**
 * Moves the signals of an earlier layout (one `signals` collection) into the month partitions and the
 * live set; the next detection pass lets go of those that can no longer re-open. Idempotent (upserts by key).
 */
@Injectable()
export class LegacySignalsMigration {
  constructor(private readonly repo: SignalsRepository) {}

  async run(): Promise<{ moved: number }> {
    let moved = 0;
    for await (const signal of this.repo.legacySignals()) {
      await this.repo.save(signal);
      moved++;
    }
    await this.repo.dropLegacySignals();
    return { moved };
  }
}
