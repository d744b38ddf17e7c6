import { Injectable, Logger } from '@nestjs/common';
import { previousLocalDay, wallTimeIn } from '../core/time/zoned.js';
import { BrandsService } from '../brands/brands.service.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { LeaseService } from '../platform/leases/lease.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { renderChartPng } from './chart-image.js';
import { DashboardService } from './dashboard.service.js';
import { digestMessage, topicsChartOption, volumeChartOption, type DigestLang } from './digest-content.js';
import { DigestRepository } from './digest.repository.js';

export interface SendDigestCommand {
  brand: string;
  to: string[];
  lang: DigestLang;
}

export type DigestOutcome = { status: 'sent'; day: string; recipients: string[] } | { status: 'already_sent'; day: string };

/**
 * The daily digest use case: yesterday (in the brand's time zone) as the dashboard sees it — volume,
 * sentiment, top negative topics, incidents and SLA compliance — with two charts rendered on the server.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly dashboards: DashboardService,
    private readonly brands: BrandsService,
    private readonly notifications: NotificationsService,
    private readonly repo: DigestRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly leases: LeaseService,
  ) {}

  /**
   * Hands yesterday's digest of a brand to the outbox once; a second call for the same day does nothing.
   * The outbox delivers it (and retries while SMTP is down); its idempotency key (brand, day, language)
   * keeps a digest composed twice — two replicas, or a crash before the day was recorded — to one mail.
   */
  async sendDigest(cmd: SendDigestCommand): Promise<DigestOutcome> {
    const brand = await this.brands.get(cmd.brand);
    const now = this.clock.now();
    const { day, from, to } = previousLocalDay(now, brand.timezone);
    // Fenced under the `digest` job's lease; the day's record then keeps each digest to one send.
    await this.leases.fence();
    if (await this.repo.queued(brand.id, day)) return { status: 'already_sent', day };
    const d = await this.dashboards.dashboard({ brand: brand.id, from, to, tz: brand.timezone });
    const links = { dashboard: `${this.config.publicUrl}/#/dashboard?brand=${encodeURIComponent(brand.id)}`, volumeCid: `volume-${brand.id}-${day}@goldenhour`, topicsCid: `topics-${brand.id}-${day}@goldenhour` };
    const chart = (cid: string, filename: string, png: Buffer) => ({ cid, filename, contentType: 'image/png', base64: png.toString('base64') });
    await this.notifications.deliver({
      channel: 'email',
      to: cmd.to.join(', '),
      ...digestMessage(d, day, cmd.lang, links),
      attachments: [
        chart(links.volumeCid, `mentions-${day}.png`, renderChartPng(volumeChartOption(d, cmd.lang), 600, 320)),
        chart(links.topicsCid, `topics-${day}.png`, renderChartPng(topicsChartOption(d, cmd.lang), 600, 260)),
      ],
      idempotencyKey: `digest|${brand.id}|${day}|${cmd.lang}`,
    });
    await this.repo.markQueued(brand.id, day, this.clock.now(), cmd.to);
    this.logger.log({ event: 'digest_queued', brand: brand.id, day, recipients: cmd.to.length });
    return { status: 'sent', day, recipients: cmd.to };
  }

  /** Digests whose time of day has come in their brand's zone; each is sent once a day. */
  async sendDue(): Promise<DigestOutcome[]> {
    const out: DigestOutcome[] = [];
    for (const entry of this.config.digest.brands) {
      try {
        const brand = await this.brands.get(entry.brand);
        const wall = wallTimeIn(this.clock.now(), brand.timezone);
        const [h, m] = entry.at.split(':').map(Number);
        if (wall.hour * 60 + wall.minute < h! * 60 + m!) continue;
        out.push(await this.sendDigest({ brand: entry.brand, to: entry.to, lang: entry.lang }));
      } catch (err) {
        this.logger.error({ event: 'digest_failed', brand: entry.brand, error: (err as Error).message });
      }
    }
    return out;
  }
}
