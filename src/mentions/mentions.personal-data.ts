import { Injectable, Logger } from '@nestjs/common';
import { PurgeMarks } from '../platform/database/purge-marks.repository.js';
import { journalCollection } from '../core/mention/journal.js';
import { highlightDay } from '../core/mention/highlight.js';
import { needlesOf } from '../core/privacy/evidence.js';
import { nameForms } from '../core/privacy/names.js';
import type { HeldCopy, KindCounts, PersonalDataHolder, SubjectMentions } from '../core/privacy/holder.js';
import { dueDays, type RetentionCutoffs } from '../core/privacy/retention.js';
import { authorHash, erasedKeyHash, urlHash, type Subject } from '../core/privacy/subject.js';
import { AuthorIndexRepository } from './author-index.repository.js';
import { ErasedMentionsRepository } from './erased-mentions.repository.js';
import { MentionPrivacy } from './mention-privacy.js';
import { MentionKeysRepository } from './mention-keys.repository.js';
import { MentionStates } from './mention-states.js';
import { MentionsRepository } from './mentions.repository.js';
import { MentionsPersonalDataRepository } from './personal-data.repository.js';
import { SourceCountsRepository } from './source-counts.repository.js';

const HOUR_MS = 3_600_000;

/**
 * The mention store's copies of a person's data: mention documents, revision records, journal entries,
 * negative highlights and their engagement patches, key claims and the author index. Erased mentions leave the
 * counter ledger as it is (aggregates hold counts, not people) and are never collected again; the source counts
 * lose them (what the cause summary says a source brought stays what is stored).
 */
@Injectable()
export class MentionsPersonalData implements PersonalDataHolder {
  readonly name = 'mentions';
  private readonly logger = new Logger(MentionsPersonalData.name);

  constructor(
    private readonly repo: MentionsPersonalDataRepository,
    private readonly index: AuthorIndexRepository,
    private readonly erased: ErasedMentionsRepository,
    private readonly privacy: MentionPrivacy,
    private readonly states: MentionStates,
    private readonly mentions: MentionsRepository,
    private readonly keys: MentionKeysRepository,
    private readonly sourceCounts: SourceCountsRepository,
    private readonly marks: PurgeMarks,
  ) {}

  /** The subject's mentions: by author hash, by a mention (and then its author's), or by link. */
  async resolve(s: Subject): Promise<SubjectMentions> {
    const found = new Map<string, string>();
    const hashes = new Set<string>();
    const byHash = async (hash: string) => {
      hashes.add(hash);
      for (const e of await this.index.lookup(hash)) found.set(e.k, e.d);
    };
    if ('author' in s) await byHash(authorHash(s.platform, s.author));
    if ('url' in s) await byHash(urlHash(s.url));
    if ('mention' in s) {
      const day = await this.mentions.locate(s.mention);
      if (day) found.set(s.mention, day);
    }
    // A mention or link names a person too: follow its author to their other mentions.
    for (const [key, day] of [...found]) {
      const doc = await this.repo.mention(key, day);
      if (doc?.author?.hash && !hashes.has(doc.author.hash) && !('author' in s)) await byHash(doc.author.hash);
      if (doc?.url) hashes.add(urlHash(doc.url));
    }
    const mentions: SubjectMentions['mentions'] = [];
    const names: (string | undefined)[] = 'author' in s ? [s.author] : [];
    for (const [key, indexed] of found) {
      const day = (await this.repo.mention(key, indexed)) ? indexed : ((await this.mentions.locate(key, indexed)) ?? indexed);
      mentions.push({ key, day });
      const author = (await this.repo.mention(key, day))?.author;
      names.push(author?.name, author?.handle);
    }
    return { mentions, hashes: [...hashes], needles: await this.needles(mentions), names: nameForms(names) };
  }

  /** What notification bodies may quote of these mentions, read from the documents still stored (they are erased last). */
  async needles(mentions: SubjectMentions['mentions']): Promise<string[]> {
    const copies: { text?: string; url?: string }[] = [];
    for (const { key, day } of mentions) {
      const doc = await this.repo.mention(key, day);
      if (doc) copies.push({ text: doc.text, url: doc.url }, ...(doc.title ? [{ text: doc.title }] : []));
    }
    return needlesOf(copies);
  }

  async find(s: SubjectMentions): Promise<HeldCopy[]> {
    const keys = new Set(s.mentions.map((m) => m.key));
    const out: HeldCopy[] = [];
    const negatives = await this.negativesByDay();
    for (const day of this.daysOf(s)) {
      for (const { key } of s.mentions.filter((m) => m.day === day)) {
        const doc = await this.repo.mention(key, day);
        if (doc) out.push({ kind: 'mention', where: `mentions_${day}/${key}`, data: doc });
      }
      for (const r of await this.repo.byKeys(`mention_revs_${day}`, keys)) out.push({ kind: 'revision', where: `mention_revs_${day}/${String(r._id)}`, data: r });
      for (const name of negatives.get(day) ?? []) for (const h of await this.repo.byKeys(name, keys)) out.push({ kind: 'negativeHighlight', where: `${name}/${String(h._id)}`, data: h });
    }
    for (const name of await this.journalOf(s)) {
      for (const d of await this.repo.journalWith(name, keys)) for (const e of d.entries.filter((x) => keys.has(x.k))) out.push({ kind: 'journal', where: `${name}/${String(d._id)}`, data: e });
    }
    for (const { where, claim } of await this.keys.claimsOf([...keys])) out.push({ kind: 'mentionKey', where, data: claim });
    for (const hash of s.hashes) for (const e of await this.index.lookup(hash)) out.push({ kind: 'authorIndex', where: `author_index/${e._id}`, data: e });
    return out;
  }

  /** Copies go first and the documents last, so a re-run after a crash still finds what is left. */
  async erase(s: SubjectMentions): Promise<void> {
    const keys = new Set(s.mentions.map((m) => m.key));
    // Refused at ingest from now on (this daemon at once, others within half a minute).
    await this.erased.add(s.mentions.map((m) => ({ hash: erasedKeyHash(m.key), day: m.day })));
    this.privacy.refreshErased();
    for (const name of await this.journalOf(s)) for (const d of await this.repo.journalWith(name, keys)) await this.repo.dropFromJournal(name, d._id, d.entries, keys);
    const negatives = await this.negativesByDay();
    for (const day of this.daysOf(s)) {
      for (const name of negatives.get(day) ?? []) await this.repo.removeIds(name, (await this.repo.byKeys(name, keys)).map((h) => String(h._id)));
      await this.repo.removeIds(`mention_revs_${day}`, (await this.repo.byKeys(`mention_revs_${day}`, keys)).map((r) => String(r._id)));
      for (const { key } of s.mentions.filter((m) => m.day === day)) {
        const doc = await this.repo.mention(key, day);
        if (doc) await this.sourceCounts.subtract([doc]);
        await this.repo.removeMention(key, day);
        await this.keys.remove(key);
        this.states.forget(key);
      }
    }
    await this.index.remove(s.hashes);
  }

  /** Drops day partitions past retention whole (documents, revisions, highlights, source counts), the journal hours, key and index months past theirs. */
  async purge(c: RetentionCutoffs, _batch: number, pause: () => Promise<void>): Promise<KindCounts> {
    const counts: KindCounts = {};
    const add = (k: keyof KindCounts, n: number) => n && (counts[k] = (counts[k] ?? 0) + n);
    for (const day of dueDays(await this.repo.days('mentions_'), c.mentionDay)) {
      add('mention', await this.repo.drop(`mentions_${day}`));
      await pause();
    }
    for (const day of dueDays(await this.repo.days('mention_revs_'), c.mentionDay)) {
      add('revision', await this.repo.drop(`mention_revs_${day}`));
      await pause();
    }
    const negatives = await this.negativesByDay();
    for (const day of dueDays([...negatives.keys()].sort(), c.mentionDay)) {
      for (const name of negatives.get(day)!) add('negativeHighlight', await this.repo.drop(name));
      await pause();
    }
    // A day's source counts go with its mentions: the cause summary reads only recent days, and counts kept
    // after the mentions would say what a source brought when nothing it brought can be shown.
    for (const day of dueDays(await this.sourceCounts.days(), c.mentionDay)) {
      add('sourceCount', await this.sourceCounts.drop(day));
      await pause();
    }
    for (const hour of await this.repo.journalHours()) {
      if (hour >= c.journalBefore) break;
      add('journal', await this.repo.drop(journalCollection(hour)));
      await pause();
    }
    // Key claims go by month, once every day of the month is gone.
    add('mentionKey', await this.keys.dropDue(c.mentionDay, pause));
    if (await this.keys.hasLegacy()) this.logger.warn({ event: 'legacy_mention_keys', fix: 'stop the daemon and run `goldenhour migrate` once: the key claims of the single mention_keys collection are not purged until it moves them into month partitions' });
    add('authorIndex', await this.index.dropBefore(c.mentionDay.slice(0, 6)));
    // Every day before the cutoff is gone: ingest refuses its posts from now on, which makes the erased
    // posts' tombstones of those days unneeded.
    await this.marks.advance('mentions', c.mentionDay);
    this.privacy.refreshErased();
    add('erasedTombstone', await this.erased.dropBefore(c.mentionDay));
    return counts;
  }

  private daysOf(s: SubjectMentions): string[] {
    return [...new Set(s.mentions.map((m) => m.day))].sort();
  }

  /**
   * The negative-highlight collections by UTC day (its blocks, and hours or the whole day of the layouts before
   * blocks), listed once per request. Highlights have the mention key as id, their engagement patches `key#rev`.
   */
  private async negativesByDay(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const name of await this.repo.names()) {
      const day = highlightDay(name);
      if (day) (out.get(day) ?? out.set(day, []).get(day)!).push(name);
    }
    return out;
  }

  /** Journal hours from the first day the subject's mentions were published (they cannot be observed before). */
  private async journalOf(s: SubjectMentions): Promise<string[]> {
    if (!s.mentions.length) return [];
    const first = Math.min(...s.mentions.map((m) => Date.UTC(Number(m.day.slice(0, 4)), Number(m.day.slice(4, 6)) - 1, Number(m.day.slice(6, 8)))));
    return (await this.repo.journalHours()).filter((h) => h >= first - 24 * HOUR_MS).map(journalCollection);
  }
}
