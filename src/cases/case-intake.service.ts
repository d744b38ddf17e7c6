import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { brandNames } from '../core/brands/names.js';
import { BrandsService } from '../brands/brands.service.js';
import type { Case } from '../core/cases/case.js';
import { followUp } from '../core/cases/case-actions.js';
import { caseIdOf, openCase, threadKeyOf, type CaseSource } from '../core/cases/open-case.js';
import { casesAnsweredBy } from '../core/cases/reply-evidence.js';
import { officialAccountOf, type OfficialAccounts } from '../core/incidents/official-response.js';
import { replyReasons } from '../core/cases/triage.js';
import { IngestService } from '../mentions/ingest.service.js';
import type { StoredMention } from '../mentions/mention.js';
import { Clock } from '../platform/clock.js';
import { CaseReplyEvidence } from './case-reply-evidence.service.js';
import { CaseRulesService } from './case-rules.service.js';
import { CaseWriter } from './case-writer.service.js';
import { CasesRepository } from './cases.repository.js';

/**
 * Opens cases from newly stored mentions: a mention that needs a reply opens one, and a mention by the
 * same author in the thread of an open case joins it; a post by the brand's official account opens none
 * and, like a merchant reply under a review, marks the case it answers replied. Runs after each ingest batch.
 */
@Injectable()
export class CaseIntakeService implements OnModuleInit {
  private readonly logger = new Logger(CaseIntakeService.name);

  constructor(
    private readonly ingest: IngestService,
    private readonly brands: BrandsService,
    private readonly rules: CaseRulesService,
    private readonly cases: CasesRepository,
    private readonly writer: CaseWriter,
    private readonly clock: Clock,
    private readonly evidence: CaseReplyEvidence,
  ) {}

  onModuleInit(): void {
    this.ingest.onStored((mentions) => this.intake(mentions).then(() => undefined));
  }

  /**
   * Opens or joins cases for new mentions; one mention's failure is logged and the rest go on. The cases
   * a batch opens are stored together at its end (a later mention of the same thread joins the new case
   * before it is stored).
   */
  async intake(mentions: readonly StoredMention[]): Promise<{ opened: number; joined: number }> {
    const out = { opened: 0, joined: 0 };
    const names = new Map<string, string[]>();
    const accounts = new Map<string, OfficialAccounts | undefined>();
    // One read for the batch's threads instead of one per mention.
    const threads = await this.cases.casesOfThreads(mentions.map((m) => threadKeyOf(sourceOf(m))));
    const opened = new Map<string, Case>();
    for (const m of mentions) {
      try {
        if (!names.has(m.brand)) {
          const brand = await this.brands.get(m.brand);
          names.set(m.brand, brandNames(brand));
          accounts.set(m.brand, brand.officialAccounts);
        }
        if (officialAccountOf(accounts.get(m.brand), m)) continue;
        if (await this.one(sourceOf(m), names.get(m.brand)!, threads, opened)) out.joined++;
      } catch (err) {
        this.logger.error({ event: 'case_intake_failed', mention: m._id, brand: m.brand, error: (err as Error).message });
      }
    }
    const stored = await this.writer.createMany([...opened.values()]);
    out.opened = stored.length;
    const ids = new Set(stored.map((c) => c._id));
    await this.evidence.record(mentions.filter((m) => ids.has(caseIdOf(m._id)) || casesAnsweredBy(m).length), accounts);
    if (out.opened || out.joined) this.logger.log({ event: 'cases_from_mentions', ...out });
    return out;
  }

  /** Joins the mention to its thread's open case (true), or opens a case for it into `opened`. */
  private async one(m: CaseSource, names: string[], threads: Map<string, string>, opened: Map<string, Case>): Promise<boolean> {
    const rules = this.rules.forPlatform(m.platform);
    if (!rules) return false;
    const now = this.clock.now();
    const reasons = replyReasons({ ...m, followers: m.author?.followers }, rules.triggers, names);
    const key = threadKeyOf(m);
    const follow = (c: Case) => (c.state === 'resolved' ? c : followUp(c, { id: m.id, ...(m.url ? { url: m.url } : {}), text: m.text, at: m.publishedAt }, reasons, this.rules.terms(c.clock.policyId, c.team), now));
    const fresh = opened.get(key);
    if (fresh) {
      opened.set(key, follow(fresh));
      return true;
    }
    const openId = threads.get(key);
    if (openId) {
      const joined = await this.writer.update(openId, follow);
      if (joined && joined.state !== 'resolved') return true;
      // A thread left pointing at a case that was never stored (a crash in between): free it.
      if (!joined) await this.cases.releaseThread(key, openId);
    }
    if (reasons.length) opened.set(key, openCase(m, reasons, rules, now));
    return false;
  }
}

function sourceOf(m: StoredMention): CaseSource {
  return {
    id: m._id, brand: m.brand, platform: m.platform, externalId: m.externalId, url: m.url, title: m.title, text: m.text, lang: m.lang,
    publishedAt: m.publishedAt, author: m.author, engagement: m.engagement, rating: m.rating !== undefined && m.ratingScale !== undefined && m.ratingScale !== 5 ? (m.rating / m.ratingScale) * 5 : m.rating,
    sentiment: m.sentiment, crisisTerms: [...new Set(m.crisis.map((c) => c.term))], keywords: m.keywords, extra: m.extra,
  };
}
