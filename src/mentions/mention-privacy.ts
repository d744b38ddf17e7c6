import { Injectable } from '@nestjs/common';
import { PurgeMarks } from '../platform/database/purge-marks.repository.js';
import type { MentionInput } from '../core/mention/mention-input.js';
import { utcDay } from '../core/mention/mention-state.js';
import { maskDeep, maskerFor, type Masked, type MaskingPolicy } from '../core/privacy/masking.js';
import { erasedKeyHash, urlHash } from '../core/privacy/subject.js';
import type { Brand } from '../brands/brand.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { AuthorIndexRepository } from './author-index.repository.js';
import { ErasedMentionsRepository } from './erased-mentions.repository.js';
import { mentionKey, type StoredMention } from './mention.js';

/** How long ingest trusts its copy of the erased-mentions list and purge mark (an erasure from the CLI reaches a running daemon within this). */
const ERASED_REFRESH_MS = 30_000;

/**
 * Ingest's privacy steps, kept out of the ingest service: masks personal identifiers in what is stored
 * (text, title and a recipe's `extra` fields, with the brand's masking policy: privacy.masking overridden by the brand's `masking`)
 * after analysis has run on the unmasked text, refuses posts erased on request, and files each stored
 * mention under its author and link hashes so erasure and export find it without a scan.
 */
@Injectable()
export class MentionPrivacy {
  private readonly maskers = new Map<string, { policy: string; mask: (text: string) => Masked }>();
  private erased: { hashes: Set<string>; purgedBefore: string; until: number } | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly index: AuthorIndexRepository,
    private readonly erasedMentions: ErasedMentionsRepository,
    private readonly marks: PurgeMarks,
  ) {}

  /**
   * The input as it may be stored, or null when the post was erased on request or was published on a day
   * already purged under retention (stored again, it would be counted twice; its day's tombstones are gone).
   */
  async admit(input: MentionInput, brand: Brand): Promise<MentionInput | null> {
    const refused = await this.refused();
    if (utcDay(input.publishedAt) < refused.purgedBefore) return null;
    if (refused.hashes.size && refused.hashes.has(erasedKeyHash(mentionKey(input.platform, input.externalId)))) return null;
    const mask = this.maskerOf(brand);
    const text = mask(input.text).text;
    const title = input.title === undefined ? undefined : mask(input.title).text;
    // A recipe's `extra` fields are free text from the site too (a buyer's note, a contact field).
    const extra = input.extra === undefined ? undefined : maskDeep(input.extra, mask);
    if (text === input.text && title === input.title && extra === input.extra) return input;
    return { ...input, text, ...(title === undefined ? {} : { title }), ...(extra === undefined ? {} : { extra }) };
  }

  /** Files new and rewritten mentions in the author index (insert-only; a repeat is ignored). */
  async indexStored(docs: readonly StoredMention[]): Promise<void> {
    const entries: { hash: string; key: string; day: string }[] = [];
    for (const d of docs) {
      const day = utcDay(d.publishedAt);
      if (d.author?.hash) entries.push({ hash: d.author.hash, key: d._id, day });
      if (d.url) entries.push({ hash: urlHash(d.url), key: d._id, day });
    }
    if (entries.length) await this.index.record(entries);
  }

  /** Forgets the cached erased list (after an erasure in this process). */
  refreshErased(): void {
    this.erased = null;
  }

  private async refused(): Promise<{ hashes: Set<string>; purgedBefore: string }> {
    const now = this.clock.cacheAgeMs();
    if (!this.erased || this.erased.until <= now) this.erased = { hashes: await this.erasedMentions.all(), purgedBefore: await this.marks.before('mentions'), until: now + ERASED_REFRESH_MS };
    return this.erased;
  }

  private maskerOf(brand: Brand): (text: string) => Masked {
    const policy: MaskingPolicy = { ...this.config.privacy.masking, ...(brand.masking ?? {}) };
    const key = JSON.stringify(policy);
    const hit = this.maskers.get(brand.id);
    if (hit?.policy === key) return hit.mask;
    const mask = maskerFor(policy);
    this.maskers.set(brand.id, { policy: key, mask });
    return mask;
  }
}
