/** Which story a mention joined, how, and the index keys it added. */
export interface StoryMember {
  _id: string;
  s: string;
  by: string;
  evidence: string[];
  bands: number[];
}

/**
 * A member as stored: its evidence keys as one JSON text `e` and its band keys as little-endian 32-bit
 * words in one binary `b` (see StoryDoc on why packed: a day's members are read whole to warm the window;
 * binary also spares ingest a text per key). Earlier versions stored all keys as text in `k` ("e…"
 * evidence, "b…" band), an array or one JSON text; still read.
 */
export interface StoredMemberDoc {
  _id: string;
  s: string;
  by: string;
  e?: string;
  b?: Uint8Array | { buffer: Uint8Array };
  k?: string | string[];
}

/** A member as stored (see StoredMemberDoc); the bench's seeder writes its history with it too. */
export function packMember(m: StoryMember): StoredMemberDoc {
  const doc: StoredMemberDoc = { _id: m._id, s: m.s, by: m.by };
  if (m.evidence.length) doc.e = JSON.stringify(m.evidence);
  if (m.bands.length) {
    const b = Buffer.allocUnsafe(m.bands.length * 4);
    for (let i = 0; i < m.bands.length; i++) b.writeUInt32LE(m.bands[i]!, i * 4);
    doc.b = b;
  }
  return doc;
}

export function unpackMember(d: StoredMemberDoc): StoryMember {
  const out: StoryMember = { _id: d._id, s: d.s, by: d.by, evidence: d.e ? (JSON.parse(d.e) as string[]) : [], bands: [] };
  if (d.b) {
    // The driver hands binary back as a BSON Binary (its bytes in `buffer`).
    const bytes = 'buffer' in d.b && !(d.b instanceof Uint8Array) ? d.b.buffer : (d.b as Uint8Array);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i + 4 <= bytes.byteLength; i += 4) out.bands.push(view.getUint32(i, true));
  }
  const legacy = typeof d.k === 'string' ? (JSON.parse(d.k) as string[]) : (d.k ?? []);
  for (const k of legacy) {
    if (k.startsWith('e')) out.evidence.push(k.slice(1));
    else out.bands.push(Number(k.slice(1)));
  }
  return out;
}
