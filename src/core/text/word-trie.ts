/**
 * The segmenter's word tree (segment.ts): a character trie whose nodes are numbers. The root's edges are indexed
 * by UTF-16 code; deeper edges live in one open-addressed table keyed by (parent node, character). An edge keeps
 * its child's number and kind in one entry, so a step down the tree reads both at once. (One array of
 * four-number slots measured slower than these three arrays: a probe that misses reads only the parent array,
 * which is small enough to stay cached.)
 *
 * A node's number never changes once made, so it names its word for good: the scoring looks words up by it
 * (chinese.ts) and the segmenter hands out one string per node (`nodeText`) instead of a new slice per token.
 */
/**
 * An edge's entry: the child's number times four plus the child's kind (0: a prefix only), so that one read
 * gives both. 0 means no edge.
 */
const rootEntry = new Int32Array(0x10000);
/** Parent 0 (the root, whose edges are in rootEntry) marks an empty slot; grown at half full. */
let tableParent = new Int32Array(1 << 16);
let tableCode = new Uint16Array(1 << 16);
let tableEntry = new Int32Array(1 << 16);
let used = 0;
let nodes = 1;
/** Counts the changes to the words the tree holds (see `wordsVersion`). */
let version = 0;

export const nodeOf = (entry: number): number => entry >> 2;
export const kindOf = (entry: number): number => entry & 3;

function slotOf(parent: number, code: number, mask: number): number {
  const h = Math.imul(parent ^ Math.imul(code, 0x85ebca6b), 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}

/** The entry of the edge from `node` by character `code` (see rootEntry), 0 when none. */
export function edgeOf(node: number, code: number): number {
  if (node === 0) return rootEntry[code]!;
  const mask = tableParent.length - 1;
  for (let s = slotOf(node, code, mask); ; s = (s + 1) & mask) {
    const parent = tableParent[s]!;
    if (parent === 0) return 0;
    if (parent === node && tableCode[s] === code) return tableEntry[s]!;
  }
}

function setEdge(node: number, code: number, entry: number): void {
  if (node === 0) {
    rootEntry[code] = entry;
    return;
  }
  const mask = tableParent.length - 1;
  let s = slotOf(node, code, mask);
  while (tableParent[s] !== 0 && !(tableParent[s] === node && tableCode[s] === code)) s = (s + 1) & mask;
  if (tableParent[s] === 0) used++;
  tableParent[s] = node;
  tableCode[s] = code;
  tableEntry[s] = entry;
}

function grow(): void {
  const [parents, codes, entries] = [tableParent, tableCode, tableEntry];
  tableParent = new Int32Array(parents.length * 2);
  tableCode = new Uint16Array(parents.length * 2);
  tableEntry = new Int32Array(parents.length * 2);
  used = 0;
  for (let s = 0; s < parents.length; s++) if (parents[s] !== 0) setEdge(parents[s]!, codes[s]!, entries[s]!);
}

/** Adds `word` with `kind` (1..3) to the tree; `takes(old, kind)` says whether a word already there takes the new kind. */
export function insertWord(word: string, kind: number, takes: (old: number, kind: number) => boolean): void {
  let node = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    let entry = edgeOf(node, code);
    if (entry === 0) {
      if (2 * (used + 1) > tableParent.length) grow();
      entry = nodes++ << 2;
      setEdge(node, code, entry);
    }
    if (i === word.length - 1 && kindOf(entry) !== kind && takes(kindOf(entry), kind)) {
      setEdge(node, code, (entry & ~3) | kind);
      version++;
    }
    node = nodeOf(entry);
  }
}

/** Whether the tree holds `word` as a word (of any kind), not only as the start of longer ones. */
export function holdsWord(word: string): boolean {
  let entry = 0;
  for (let i = 0; i < word.length; i++) {
    entry = edgeOf(nodeOf(entry), word.charCodeAt(i));
    if (entry === 0) return false;
  }
  return kindOf(entry) !== 0;
}

/** Changes each time a word is added or changes kind: what was derived from the words held is stale when it moves. */
export const wordsVersion = (): number => version;

/** Nodes made so far: every node number is below this. */
export const nodeCount = (): number => nodes;

/** One string per node, made the first time its word is cut (a word's text is the same every time). */
const texts: (string | undefined)[] = [];

/**
 * The text of node `node`, which spans `text` from `start` to `end`. Not kept for words this long: V8 slices
 * them as views on the whole text, which keeping would keep alive.
 */
export function nodeText(node: number, text: string, start: number, end: number): string {
  if (end - start > 12) return text.slice(start, end);
  while (texts.length <= node) texts.push(undefined);
  return (texts[node] ??= text.slice(start, end));
}
