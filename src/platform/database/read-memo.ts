import type { Connection, mongo } from 'mongoose';

/** Commands that change no collection's documents; any other command counts as a write of the collection it names. */
const READS = new Set(['find', 'getMore', 'count', 'distinct', 'aggregate', 'listCollections', 'listIndexes', 'createIndexes', 'killCursors', 'hello', 'isMaster', 'ping', 'buildInfo', 'endSessions', 'saslStart', 'saslContinue', 'serverStatus', 'dbStats', 'collStats']);

/**
 * Reads of a database only this process uses (a replay's own, made fresh and dropped afterwards), kept until this
 * process writes the collection they read. Every command the connection sends is watched (the driver's command
 * events): a write of a collection, as it starts and again once it is answered, makes the reads kept of it stale, and
 * a command naming no collection (a database drop) all of them. A read remembers the collection's write count from
 * before it was sent, so a write in flight meanwhile makes it stale too.
 *
 * Off (reads go to the database every time) unless the process was started for a private database: a daemon shares
 * its database with other daemons and CLI commands, whose writes it cannot see.
 */
export class ReadMemo {
  readonly active: boolean;
  private readonly writes = new Map<string, number>();
  private dropped = 0;
  private readonly kept = new Map<string, { collection: string; writes: number; dropped: number; value: Promise<unknown> }>();
  /** Collections named by the commands in flight, by request id. */
  private readonly inFlight = new Map<number, string | null>();

  /** `connection`: the private database's connection, made with `monitorCommands`; none: nothing is kept. */
  constructor(connection?: Connection | null) {
    this.active = !!connection;
    if (!connection) return;
    const client = connection.getClient();
    client.on('commandStarted', (e: mongo.CommandStartedEvent) => {
      if (READS.has(e.commandName)) return;
      const target: unknown = e.command[e.commandName];
      const collection = typeof target === 'string' ? target : null;
      this.inFlight.set(e.requestId, collection);
      this.wrote(collection);
    });
    const answered = (e: mongo.CommandSucceededEvent | mongo.CommandFailedEvent) => {
      if (!this.inFlight.has(e.requestId)) return;
      this.wrote(this.inFlight.get(e.requestId)!);
      this.inFlight.delete(e.requestId);
    };
    client.on('commandSucceeded', answered);
    client.on('commandFailed', answered);
  }

  /**
   * The answer of `read` (which reads `collection` only, the same way for the same `key`), kept from an earlier call
   * while this process has not written the collection since. Callers must not change what it returns.
   */
  read<T>(collection: string, key: string, read: () => Promise<T>): Promise<T> {
    if (!this.active) return read();
    const id = `${collection}\u0000${key}`;
    const writes = this.writes.get(collection) ?? 0;
    const k = this.kept.get(id);
    if (k && k.writes === writes && k.dropped === this.dropped) return k.value as Promise<T>;
    const value = read();
    this.kept.set(id, { collection, writes, dropped: this.dropped, value });
    value.catch(() => this.kept.get(id)?.value === value && this.kept.delete(id));
    return value;
  }

  private wrote(collection: string | null): void {
    if (collection === null) {
      this.dropped++;
      this.kept.clear();
      return;
    }
    this.writes.set(collection, (this.writes.get(collection) ?? 0) + 1);
    for (const [id, k] of this.kept) if (k.collection === collection) this.kept.delete(id);
  }
}
