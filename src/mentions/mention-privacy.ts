import { Injectable } from '@nestjs/common';
import type { MentionInput } from '../core/mention/mention-input.js';
import { utcDay } from '../core/mention/mention-state.js';
import { maskerFor, type Masked, type MaskingPolicy } from '../core/privacy/masking.js';
import { erasedKeyHash, urlHash } from '../core/privacy/subject.js';
import type { Brand } from '../brands/brand.js';
import { Clock } from '../platform/clock.js';
import { AppConfig } from '../platform/config/app-config.js';
import { AuthorIndexRepository } from './author-index.repository.js';
import { ErasedMentionsRepository } from './erased-mentions.repository.js';
import { mentionKey, type StoredMention } from './mention.js';

/** How long ingest trusts its copy of the erased-mentions list (an erasure from the CLI reaches a running daemon within this). */
const ERASED_REFRESH_MS = 30_000;

/**
 * Ingest's privacy steps, kept out of the ingest service: masks personal identifiers in what is stored
 * (text and title, with the brand's masking policy: privacy.masking overridden by the brand's `masking`)
 * after analysis has run on the unmasked text, refuses posts erased on request, and files each stored
 * mention under its author and link hashes so erasure and export find it without a scan.
 */
@Injectable()
export class MentionPrivacy {
  private readonly maskers = new Map<string, { policy: string; mask: (text: string) => Masked }>();
  private erased: { hashes: Set<string>; until: number } | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly index: AuthorIndexRepository,
    private readonly erasedMentions: ErasedMentionsRepository,
  ) {}

  /** The input as it may be stored, or null when the post was erased on request (it is never stored again). */
  async admit(input: MentionInput, brand: Brand): Promise<MentionInput | null> {
    if ((await this.erasedHashes()).has(erasedKeyHash(mentionKey(input.platform, input.externalId)))) return null;
    const mask = this.maskerOf(brand);
    const text = mask(input.text).text;
    const title = input.title === undefined ? undefined : mask(input.title).text;
    if (text === input.text && title === input.title) return input;
    return { ...input, text, ...(title === undefined ? {} : { title }) };
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

  private async erasedHashes(): Promise<Set<string>> {
    const now = this.clock.now().getTime();
    if (!this.erased || this.erased.until <= now) this.erased = { hashes: await this.erasedMentions.all(), until: now + ERASED_REFRESH_MS };
    return this.erased.hashes;
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
