import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { BrandsService } from '../brands/brands.service.js';
import type { Recipe } from '../core/sources/recipe.js';
import { IngestService } from '../mentions/ingest.service.js';
import { TokensService } from '../platform/auth/tokens.service.js';
import { Clock } from '../platform/clock.js';
import { demoSiteHeaders } from '../platform/http/security-headers.js';
import { AppConfig } from '../platform/config/app-config.js';
import { startFixtureSite, type RunningFixtureSite } from './sites/fixture-site.js';
import { validateRecipeFile } from '../sources/recipe-loader.js';
import { SourcesService } from '../sources/sources.service.js';
import { DemoMailbox } from './demo-mailbox.js';
import { DEMO_PRODUCTS, demoRoutes } from './demo-sites.js';
import { CRISIS_STARTS_S, DEMO_BRANDS, history, storyAt, type StoryPost } from './demo-story.js';
import { MailCatcher } from './mail-catcher.js';

/** How often the demo sources are fetched (a real deployment scrapes every few minutes). */
/** The demo's sources run every 20 s, so the crisis unfolds within minutes. */
const DEMO_SCHEDULE = '*/20 * * * * *';
const PRESETS = ['weibo-search', 'jd-comments', 'google-news'] as const;
const PLATFORM = { weibo: 'weibo', jd: 'jd', news: 'news' } as const;

export interface DemoStarted {
  adminToken: string;
  siteOrigin: string;
  smtpPort: number;
  sources: string[];
}

/**
 * Demo mode: a demo brand and its competitor, a mail catcher standing in for SMTP, and the demo's
 * platform sites on 127.0.0.1, scraped by the real sources with the shipped recipes. From there the
 * crisis goes the way any other does: ingest → detection → alerts → incidents → outbox → SMTP.
 */
@Injectable()
export class DemoService implements OnApplicationShutdown {
  private readonly logger = new Logger(DemoService.name);
  private site?: RunningFixtureSite;
  private stopped = false;

  constructor(
    private readonly brands: BrandsService,
    private readonly ingest: IngestService,
    private readonly tokens: TokensService,
    private readonly mailbox: DemoMailbox,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly sourcesService: SourcesService,
  ) {}

  async start(): Promise<DemoStarted> {
    const startedAt = this.clock.now();
    for (const b of DEMO_BRANDS) await this.brands.save({ ...b, names: { ...b.names }, aliases: [...b.aliases], keywords: [...b.keywords], competitors: [...b.competitors] });
    const smtpPort = await this.startMail();
    await this.backfill(startedAt);
    const elapsed = () => Math.max(0, (this.clock.now().getTime() - startedAt.getTime()) / 1000);
    this.site = await startFixtureSite(demoRoutes(() => ({ now: this.clock.now(), posts: storyAt(startedAt, elapsed()) })), 0, demoSiteHeaders());
    const sources = await this.registerSources(this.site.origin);
    // Once now; then the job registry runs them on their schedule like any source.
    void this.fetchAll(sources);
    const { token } = await this.tokens.create('demo admin', 'admin');
    this.logger.log({ event: 'demo_started', site: this.site.origin, smtpPort, sources, crisisInSeconds: CRISIS_STARTS_S });
    return { adminToken: token, siteOrigin: this.site.origin, smtpPort, sources };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.site?.close();
    await this.mailbox.catcher?.stop();
  }

  /** Mail goes to the in-process catcher; a demo team receives the alerts and escalations. */
  private async startMail(): Promise<number> {
    const catcher = new MailCatcher(() => this.clock.now());
    const port = await catcher.start();
    this.mailbox.catcher = catcher;
    // Demo mode has no goldenhour.yaml: these two sections are the demo's configuration.
    this.config.smtp = { host: '127.0.0.1', port, secure: false, from: 'goldenhour demo <alerts@goldenhour.demo>' };
    if (this.config.teams.length === 0) {
      this.config.teams = [
        {
          id: 'care',
          name: 'Sunrise customer care',
          members: [
            { name: 'Wang Fang', email: 'wang.fang@sunrise.demo', role: 'member' },
            { name: 'Li Na (lead)', email: 'li.na@sunrise.demo', role: 'lead' },
            { name: 'Zhao Wei (CEO)', email: 'zhao.wei@sunrise.demo', role: 'executive' },
          ],
          channels: [{ type: 'email', to: 'care-team@sunrise.demo' }],
        },
      ];
    }
    return port;
  }

  /** The day before the demo, so detection has a baseline to compare the surge with. */
  private async backfill(startedAt: Date): Promise<void> {
    const items = history(startedAt).map((p) => toMention(p));
    const r = await this.ingest.ingest(items, { source: 'demo-history' });
    this.logger.log({ event: 'demo_history', imported: r.imported, unchanged: r.unchanged, rejected: r.rejected.length });
  }

  /** The shipped recipes, pointed at the demo's sites. */
  private async registerSources(origin: string): Promise<string[]> {
    const sources = this.sources();
    if (!sources) {
      this.logger.error({ event: 'demo_no_sources', fix: 'the demo needs SourcesModule in AppModule' });
      return [];
    }
    const names: string[] = [];
    for (const preset of PRESETS) {
      const file = join(this.config.scrapersDir, `${preset}.yaml`);
      const { recipe, errors } = await validateRecipeFile(file);
      if (!recipe) {
        this.logger.error({ event: 'demo_recipe_invalid', file, errors: errors.length });
        continue;
      }
      const demo: Recipe = {
        ...recipe,
        name: `demo-${preset}`,
        enabled: true,
        schedule: DEMO_SCHEDULE,
        brands: [],
        ...(recipe.products ? { products: DEMO_BRANDS.map((b) => ({ ...recipe.products![0]!, id: DEMO_PRODUCTS[b.id], brand: b.id })) } : {}),
        fetch: { ...recipe.fetch, url: recipe.fetch.url.replace(/^https?:\/\/[^/]+/, origin), cookiesFile: undefined },
        politeness: { ...recipe.politeness, concurrency: 1, minIntervalMs: 0 },
        limits: { ...recipe.limits, pages: 3 },
      };
      sources.register(demo);
      names.push(demo.name);
    }
    return names;
  }

  private async fetchAll(names: string[]): Promise<void> {
    const sources = this.sources();
    for (const name of names) {
      if (this.stopped) return;
      try {
        await sources?.run(name, { force: true });
      } catch (err) {
        this.logger.warn({ event: 'demo_fetch_failed', source: name, error: (err as Error).message });
      }
    }
  }

  private sources(): SourcesService {
    return this.sourcesService;
  }
}

function toMention(p: StoryPost) {
  return {
    brand: p.brand,
    platform: PLATFORM[p.channel],
    externalId: p.channel === 'jd' ? `${DEMO_PRODUCTS[p.brand]}-${p.id}` : p.id,
    text: p.text,
    author: { name: p.author },
    publishedAt: p.publishedAt,
    ...(p.channel === 'jd' ? { rating: p.rating } : {}),
    engagement: { likes: p.likes ?? 0, shares: p.shares ?? 0, comments: p.comments ?? 0, views: p.views ?? 0 },
  };
}
