/** What ingest keeps per stored mention to handle a re-sighting without reading it (see mention-state.ts). */
export interface KnownMention {
  day: string;
  rev: number;
  brand: string;
  /** 5-minute bucket start the mention is counted in. */
  bucket: number;
  e: [number, number, number, number];
  /** Content signature. */
  s: string;
}

/** Numbers kept per entry: rev, bucket and the four engagement counts. */
const NUMBERS = 6;
/** A signature of 16 base64 characters packs exactly into 12 bytes. */
const SIGNATURE_BYTES = 12;
const PACKABLE = /^[A-Za-z0-9+/]{16}$/;

/**
 * A least-recently-used map from mention key to KnownMention that holds at most `capacity` entries, packed:
 * the numbers, day, brand and signature of all entries live in a few typed arrays (outside the garbage-collected
 * heap), so an entry costs the heap only its key and a slot number. Held as objects, a million entries were some
 * five heap objects each, which every full garbage collection had to visit (work per ingested mention that grew
 * with the history). Reads return a fresh object; entries are the same values that were set.
 */
export class KnownTable {
  /** Key → slot, least recently used first. */
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private used = 0;
  private numbers = new Float64Array(0);
  /** Per slot: index of its day and of its brand in `names`. */
  private refs = new Uint32Array(0);
  private signatures = Buffer.alloc(0);
  /** Signatures that are not 16 base64 characters, by slot. */
  private readonly odd = new Map<number, string>();
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.slots.size;
  }

  /** The entry, marked as the most recently used. */
  get(key: string): KnownMention | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    this.slots.delete(key);
    this.slots.set(key, slot);
    return this.read(slot);
  }

  /** The entry, leaving the order of use as it is. */
  peek(key: string): KnownMention | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : this.read(slot);
  }

  /** Sets the entry as the most recently used; past the capacity, the least recently used goes. */
  set(key: string, v: KnownMention): void {
    let slot = this.slots.get(key);
    if (slot === undefined) slot = this.free.pop() ?? this.claim();
    else this.slots.delete(key);
    this.write(slot, v);
    this.slots.set(key, slot);
    if (this.slots.size > this.capacity) this.delete(this.slots.keys().next().value!);
  }

  delete(key: string): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.slots.delete(key);
    this.odd.delete(slot);
    this.free.push(slot);
  }

  clear(): void {
    this.slots.clear();
    this.free.length = 0;
    this.odd.clear();
    this.used = 0;
  }

  private read(slot: number): KnownMention {
    const n = slot * NUMBERS;
    const x = this.numbers;
    const at = slot * SIGNATURE_BYTES;
    return {
      day: this.names[this.refs[2 * slot]!]!,
      rev: x[n]!,
      brand: this.names[this.refs[2 * slot + 1]!]!,
      bucket: x[n + 1]!,
      e: [x[n + 2]!, x[n + 3]!, x[n + 4]!, x[n + 5]!],
      s: this.odd.get(slot) ?? this.signatures.toString('base64', at, at + SIGNATURE_BYTES),
    };
  }

  private write(slot: number, v: KnownMention): void {
    const n = slot * NUMBERS;
    const x = this.numbers;
    x[n] = v.rev;
    x[n + 1] = v.bucket;
    for (let i = 0; i < 4; i++) x[n + 2 + i] = v.e[i]!;
    this.refs[2 * slot] = this.nameId(v.day);
    this.refs[2 * slot + 1] = this.nameId(v.brand);
    if (PACKABLE.test(v.s)) {
      this.odd.delete(slot);
      this.signatures.write(v.s, slot * SIGNATURE_BYTES, SIGNATURE_BYTES, 'base64');
    } else {
      this.odd.set(slot, v.s);
    }
  }

  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.push(name) - 1;
      this.nameIds.set(name, id);
    }
    return id;
  }

  /** A never used slot, growing the arrays (doubling) when they are full. */
  private claim(): number {
    const room = this.refs.length / 2;
    if (this.used === room) {
      const next = Math.max(1024, room * 2);
      const numbers = new Float64Array(next * NUMBERS);
      numbers.set(this.numbers);
      const refs = new Uint32Array(next * 2);
      refs.set(this.refs);
      const signatures = Buffer.alloc(next * SIGNATURE_BYTES);
      this.signatures.copy(signatures);
      this.numbers = numbers;
      this.refs = refs;
      this.signatures = signatures;
    }
    return this.used++;
  }
}
