import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ReadMemo } from '../platform/database/read-memo.js';
import type { SignalFilter, StoredSignal } from './stored-signal.js';

type SignalDoc = Omit<StoredSignal, 'key'> & { _id: string };

const LIVE = 'signals_live';

/**
 * The only code that touches the signal collections; every write is an idempotent upsert on the signal key.
 * - `signals_live`: the signals a detection pass continues — open, or closed recently enough to re-open.
 *   A pass reads and writes only this, so its cost follows what is going on now, not how many signals
 *   there ever were; a signal leaves it once it can no longer re-open (see `live`).
 * - `signals_YYYYMM`: every signal, by the UTC month it started (the month is in its key), for the API.
 *   Written when a signal opens and when it closes (an upsert there reads the month's partition), not on
 *   the updates in between; readers take a signal from the live set while it is there.
 */
@Injectable()
export class SignalsRepository {
  private readonly indexed = new Set<string>();

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly memo: ReadMemo,
  ) {}

  /** A collection; `forWrite` declares its index first (a read never creates a partition). */
  private col(name: string, forWrite = false) {
    if (forWrite && !this.indexed.has(name)) {
      this.indexed.add(name);
      // signals_live: a brand's live signals (the detection pass); signals_YYYYMM: newest first (GET /api/v1/signals)
      void this.connection.db!.collection(name).createIndex(name === LIVE ? { brand: 1 } : { lastSeenAt: -1 }).catch(() => this.indexed.delete(name));
    }
    return this.connection.db!.collection<SignalDoc>(name);
  }

  /**
   * A brand's open signals and those closed at or after `closedSince` (candidates for re-opening); the
   * ones closed before it can never re-open and leave the live set here.
   */
  async live(brand: string, closedSince: Date): Promise<StoredSignal[]> {
    const all = (await this.memo.read(LIVE, brand, () => this.col(LIVE).find({ brand }).toArray())).map(fromDoc);
    const done = all.filter((s) => s.status !== 'open' && !(s.endedAt && s.endedAt >= closedSince));
    if (done.length) await this.col(LIVE).deleteMany({ _id: { $in: done.map((s) => s.key) } });
    return all.filter((s) => !done.includes(s));
  }

  /** Whether any signal of any brand is open. */
  async anyOpen(): Promise<boolean> {
    return (await this.col(LIVE).findOne({ status: 'open' })) !== null;
  }

  async save(signal: StoredSignal): Promise<void> {
    const { key, ...rest } = signal;
    const doc = { ...rest, _id: key } as SignalDoc;
    if (!signal.endedAt) delete doc.endedAt;
    if (signal.status !== 'open' || signal.history.length <= 1) await this.col(monthOf(key), true).replaceOne({ _id: key }, doc, { upsert: true });
    await this.col(LIVE, true).replaceOne({ _id: key }, doc, { upsert: true });
  }

  /** Signals newest first, from the month partitions back to the one the answer needs and one more. */
  async list(f: SignalFilter): Promise<StoredSignal[]> {
    const filter: Record<string, unknown> = {
      ...(f.brand ? { brand: f.brand } : {}),
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.status ? { status: f.status } : {}),
      ...(f.since ? { lastSeenAt: { $gte: f.since } } : {}),
    };
    // The live set is small and current: its copy of a signal wins over the month's, filtered the same way.
    const live = new Map((await this.col(LIVE).find({}).toArray()).map((d) => [d._id, d]));
    const matches = (d: SignalDoc) => (!f.brand || d.brand === f.brand) && (!f.kind || d.kind === f.kind) && (!f.status || d.status === f.status) && (!f.since || d.lastSeenAt >= f.since);
    const out: SignalDoc[] = [...live.values()].filter(matches);
    let last = false;
    for (const month of await this.months()) {
      out.push(...(await this.col(month).find(filter).sort({ lastSeenAt: -1 }).limit(f.limit).toArray()).filter((d) => !live.has(d._id)));
      if (last) break;
      // Enough from this month on: one month more, for signals that started before it and ran into it.
      last = out.length >= f.limit || (f.since !== undefined && monthStart(month) <= f.since.getTime());
    }
    return out.sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime()).slice(0, f.limit).map(fromDoc);
  }

  async get(key: string): Promise<StoredSignal | null> {
    const month = monthOf(key);
    const doc = /^signals_\d{6}$/.test(month) ? ((await this.col(LIVE).findOne({ _id: key })) ?? (await this.col(month).findOne({ _id: key }))) : null;
    return doc ? fromDoc(doc) : null;
  }

  /** The signals of the earlier one-collection layout (`signals`), none when it is gone (`goldenhour migrate`). */
  async *legacySignals(): AsyncGenerator<StoredSignal> {
    const names = await this.connection.db!.listCollections({ name: 'signals' }, { nameOnly: true }).toArray();
    if (!names.length) return;
    for await (const doc of this.connection.db!.collection<SignalDoc>('signals').find({})) yield fromDoc(doc);
  }

  /** Drops the old collection (a no-op once it is gone). */
  async dropLegacySignals(): Promise<void> {
    await this.connection.db!.dropCollection('signals').catch(() => undefined);
  }

  /** Month partitions that exist, newest first. */
  private async months(): Promise<string[]> {
    const names = await this.connection.db!.listCollections({}, { nameOnly: true }).toArray();
    return names.map((c) => c.name).filter((n) => /^signals_\d{6}$/.test(n)).sort().reverse();
  }
}

/** The history partition of a signal: the UTC month of the start time that ends its key. */
function monthOf(key: string): string {
  const started = key.slice(key.lastIndexOf('|') + 1);
  return `signals_${started.slice(0, 4)}${started.slice(5, 7)}`;
}

function monthStart(name: string): number {
  return Date.UTC(Number(name.slice(8, 12)), Number(name.slice(12, 14)) - 1, 1);
}

function fromDoc(d: SignalDoc): StoredSignal {
  const { _id, ...rest } = d;
  return { key: _id, ...rest };
}
