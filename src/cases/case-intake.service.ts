import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { brandNames } from '../core/brands/names.js';
import { BrandsService } from '../brands/brands.service.js';
import type { Case } from '../core/cases/case.js';
import { followUp } from '../core/cases/case-actions.js';
import { caseIdOf, openCase, threadKeyOf, type CaseSource } from '../core/cases/open-case.js';
import { postsAnsweredBy } from '../core/cases/reply-evidence.js';
import { officialAccountOf, type OfficialAccounts } from '../core/incidents/official-response.js';
import { replyReasons } from '../core/cases/triage.js';
import { inSharedThread } from '../core/cases/thread.js';
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
    // Only a post by a known author under a named conversation, on a platform with case rules, can join an
    // open case; each such thread is read by `_id` (a batch of posts that start their own threads reads nothing).
    const joinable = mentions.map(sourceOf).filter((m) => m.author?.hash && inSharedThread(m) && this.rules.forPlatform(m.platform));
    const threads = await this.cases.casesOfThreads(joinable.map(threadKeyOf));
    const opened = new Map<string, Case>();
    const followUps: { post: string; caseId: string }[] = [];
    for (const m of mentions) {
      try {
        if (!names.has(m.brand)) {
          const brand = await this.brands.get(m.brand);
          names.set(m.brand, brandNames(brand));
          accounts.set(m.brand, brand.officialAccounts);
        }
        if (officialAccountOf(accounts.get(m.brand), m)) continue;
        const joined = await this.one(sourceOf(m), names.get(m.brand)!, threads, opened);
        if (joined) {
          out.joined++;
          followUps.push({ post: m._id, caseId: joined });
        }
      } catch (err) {
        this.logger.error({ event: 'case_intake_failed', mention: m._id, brand: m.brand, error: (err as Error).message });
      }
    }
    // A follow-up is recorded before the evidence is read, so an official reply in the same batch finds its case.
    const [stored] = await Promise.all([this.writer.createMany([...opened.values()]), this.cases.recordFollowUps(followUps)]);
    out.opened = stored.length;
    const ids = new Set(stored.map((c) => c._id));
    await this.evidence.record(mentions.filter((m) => ids.has(caseIdOf(m._id)) || postsAnsweredBy(m).length), accounts);
    if (out.opened || out.joined) this.logger.log({ event: 'cases_from_mentions', ...out });
    return out;
  }

  /** Joins the mention to its thread's open case (returns the case's id), or opens a case for it into `opened`. */
  private async one(m: CaseSource, names: string[], threads: Map<string, string>, opened: Map<string, Case>): Promise<string | null> {
    const rules = this.rules.forPlatform(m.platform);
    if (!rules) return null;
    const now = this.clock.now();
    const reasons = replyReasons({ ...m, followers: m.author?.followers }, rules.triggers, names);
    const key = threadKeyOf(m);
    const follow = (c: Case) => (c.state === 'resolved' ? c : followUp(c, { id: m.id, ...(m.url ? { url: m.url } : {}), text: m.text, at: m.publishedAt }, reasons, this.rules.terms(c.clock.policyId, c.team), now));
    const fresh = opened.get(key);
    if (fresh) {
      opened.set(key, follow(fresh));
      return fresh._id;
    }
    const openId = threads.get(key);
    if (openId) {
      const joined = await this.writer.update(openId, follow);
      if (joined && joined.state !== 'resolved') return openId;
      // A thread left pointing at a case that was never stored (a crash in between): free it.
      if (!joined) await this.cases.releaseThread(key, openId);
    }
    if (reasons.length) opened.set(key, openCase(m, reasons, rules, now));
    return null;
  }
}

function sourceOf(m: StoredMention): CaseSource {
  return {
    id: m._id, brand: m.brand, platform: m.platform, externalId: m.externalId, url: m.url, title: m.title, text: m.text, lang: m.lang,
    publishedAt: m.publishedAt, author: m.author, engagement: m.engagement, rating: m.rating !== undefined && m.ratingScale !== undefined && m.ratingScale !== 5 ? (m.rating / m.ratingScale) * 5 : m.rating,
    sentiment: m.sentiment, crisisTerms: [...new Set(m.crisis.map((c) => c.term))], keywords: m.keywords, extra: m.extra,
  };
}
