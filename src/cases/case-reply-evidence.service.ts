import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BrandsService } from '../brands/brands.service.js';
import { caseIdOf } from '../core/cases/open-case.js';
import { casesAnsweredBy, merchantReply, officialReply, repliedFromEvidence, type ReplyEvidence } from '../core/cases/reply-evidence.js';
import { officialAccountOf, type OfficialAccounts } from '../core/incidents/official-response.js';
import { IngestService } from '../mentions/ingest.service.js';
import type { StoredMention } from '../mentions/mention.js';
import { Clock } from '../platform/clock.js';
import { CaseWriter } from './case-writer.service.js';

/**
 * Marks cases replied from what ingest captures (core/cases/reply-evidence.ts): a post by one of the
 * brand's official accounts (brands' `officialAccounts`) replying to a case's first post, and a review
 * showing the merchant's reply (when first seen, or when a later scrape revises it). Each reads or writes
 * one case by `_id`, and only for such posts (rare in a batch); no other mention costs anything.
 */
@Injectable()
export class CaseReplyEvidence implements OnModuleInit {
  private readonly logger = new Logger(CaseReplyEvidence.name);

  constructor(
    private readonly ingest: IngestService,
    private readonly brands: BrandsService,
    private readonly writer: CaseWriter,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.ingest.onRevised((mentions) => this.record(mentions).then(() => undefined));
  }

  /** The brands' official accounts, for a batch. */
  async accounts(): Promise<Map<string, OfficialAccounts | undefined>> {
    return new Map((await this.brands.list()).map((b) => [b.id, b.officialAccounts]));
  }

  /** Records the replies a batch's posts show; returns how many cases they marked replied. */
  async record(mentions: readonly StoredMention[], accounts?: Map<string, OfficialAccounts | undefined>): Promise<number> {
    const found: { caseId: string; evidence: ReplyEvidence }[] = [];
    const now = this.clock.now();
    for (const m of mentions) {
      const merchant = merchantReply(postOf(m), now);
      if (merchant) found.push({ caseId: caseIdOf(m._id), evidence: merchant });
    }
    // Only a post that replies to something can answer a case; the rest need no brand lookup.
    const replying = mentions.map((m) => ({ m, cases: casesAnsweredBy(m) })).filter((r) => r.cases.length);
    if (replying.length) {
      accounts ??= await this.accounts();
      for (const { m, cases } of replying) {
        const account = officialAccountOf(accounts.get(m.brand), m);
        if (account) for (const caseId of cases) found.push({ caseId, evidence: officialReply(postOf(m), account) });
      }
    }
    let marked = 0;
    for (const { caseId, evidence } of found) {
      try {
        const c = await this.writer.update(caseId, (cur) => repliedFromEvidence(cur, evidence));
        if (c?.firstRepliedAt?.getTime() === evidence.at.getTime() && c.replyUrl === evidence.url) marked++;
      } catch (err) {
        this.logger.error({ event: 'case_reply_evidence_failed', case: caseId, error: (err as Error).message });
      }
    }
    if (marked) this.logger.log({ event: 'cases_replied_from_evidence', cases: marked });
    return marked;
  }
}

const postOf = (m: StoredMention) => ({ id: m._id, platform: m.platform, publishedAt: m.publishedAt, ...(m.url ? { url: m.url } : {}), ...(m.extra ? { extra: m.extra } : {}) });
