import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Runtime } from '../platform/runtime.js';
import { DigestService } from './digest.service.js';

/** Once a minute: sends the digests whose time has come (each brand once a day). */
@Injectable()
export class DigestJob {
  private running = false;

  constructor(
    private readonly digests: DigestService,
    private readonly runtime: Runtime,
  ) {}

  @Interval(60_000)
  async tick(): Promise<void> {
    if (!this.runtime.scheduling || this.running) return;
    this.running = true;
    try {
      await this.digests.sendDue();
    } finally {
      this.running = false;
    }
  }
}
