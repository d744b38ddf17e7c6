// `npm run bench:stories [-- DATA_DIR]`: story matching.
//  1. Pairwise precision and recall on the hand-written labelled set test/stories/labelled.jsonl (313 posts,
//     82 stories; its shingle sizes and threshold were chosen on it, so these are in-sample figures).
//  2. Milliseconds per mention with 10 k and with 1 M mentions already stored (synthetic posts over 30 days,
//     a third of them reposts or edits): the hot index holds only the last days, so the cost stays flat.
//     What ingest does per mention in memory: its features, the index, and what it adds to its story's delta
//     (batches of 500, as ingest sends them); wall time and this process's CPU time (the machine is shared,
//     so the CPU time is the steadier figure).
//  3. When the development data's sentiment/zh/weibo2018-train.jsonl is present (read at run time, never copied): the
//     share of 10,000 independent Weibo posts put in a story with another one (a held-out check of precision:
//     few of them are really about the same thing).
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StoryPost } from '../src/core/stories/features.js';
import { pairwiseScore } from '../src/core/stories/pairwise.js';
import { postFeatures } from '../src/core/stories/features.js';
import { addToStory, type Story } from '../src/core/stories/story.js';
import { StoryIndex } from '../src/core/stories/story-index.js';
import { labelledPosts } from '../test/stories/labelled.js';
import { devDataDir } from './support/dev-data.js';

const dataDir = devDataDir('.', false) ?? '';

const labelled = labelledPosts();
const index = new StoryIndex();
const predicted = labelled.map((p) => index.assign(p.post).story);
const score = pairwiseScore(labelled.map((p) => p.story), predicted);
console.log(`labelled set: ${labelled.length} posts, ${new Set(labelled.map((p) => p.story)).size} stories → ${new Set(predicted).size} found`);
console.log(`  pairwise precision ${score.precision.toFixed(3)}  recall ${score.recall.toFixed(3)}  (pairs: ${score.labelled} labelled, ${score.predicted} put together, ${score.agreed} both)`);

/** A deterministic stream of synthetic Weibo-like posts: originals, reposts with comments and light edits. */
function* synthetic(count: number, startMs: number, days: number): Generator<StoryPost> {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const text = (len: number) => Array.from({ length: len }, () => String.fromCharCode(0x4e00 + Math.floor(rand() * 3000))).join('');
  const recent: string[] = [];
  const step = (days * 86_400_000) / count;
  for (let i = 0; i < count; i++) {
    const r = rand();
    let body: string;
    if (recent.length && r < 0.2) body = `${text(6)}//@user${i % 997}:${recent[Math.floor(rand() * recent.length)]}`;
    else if (recent.length && r < 0.33) body = `${recent[Math.floor(rand() * recent.length)]}${text(3)}`;
    else {
      body = text(20 + Math.floor(rand() * 60));
      recent.push(body);
      if (recent.length > 200) recent.shift();
    }
    yield { id: `weibo:${i}`, brand: 'acme', platform: 'weibo', text: body, author: { name: `user${i % 5003}` }, publishedAt: new Date(startMs + i * step), reach: 3, polarity: 'neutral' };
  }
}

function perMention(stored: number, measured: number, warmUp = false): void {
  const days = 30;
  const start = Date.parse('2026-04-01T00:00:00Z');
  const idx = new StoryIndex();
  const all = [...synthetic(stored + measured, start, days * ((stored + measured) / stored))];
  for (let i = 0; i < stored; i++) idx.assign(all[i]!);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let batch = new Map<string, Story>();
  for (let i = stored; i < all.length; i++) {
    const post = all[i]!;
    const a = idx.assign(post, postFeatures(post));
    batch.set(a.story, addToStory(batch.get(a.story) ?? null, a.story, post));
    if ((i - stored) % 500 === 499) batch = new Map();
  }
  const ms = (performance.now() - t0) / measured;
  const cpu = process.cpuUsage(cpu0);
  const size = idx.size();
  if (warmUp) return;
  console.log(`  ${stored.toLocaleString('en')} stored: ${ms.toFixed(4)} ms per mention wall, ${((cpu.user + cpu.system) / 1000 / measured).toFixed(4)} ms CPU, over the next ${measured.toLocaleString('en')}  (hot: ${size.days} days, ${size.keys.toLocaleString('en')} keys, ${size.stories.toLocaleString('en')} stories)`);
}

console.log(`cost per mention (synthetic posts spread over 30 days of stored history; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores):`);
// STORIES_BENCH_STORED=10000,200000 measures other history sizes (a loaded machine may not finish 1 M in time).
const sizes = (process.env.STORIES_BENCH_STORED ?? '10000,1000000').split(',').map(Number);
perMention(10_000, 20_000, true);
for (const stored of sizes) perMention(stored, 20_000);

const weibo = join(dataDir, 'sentiment', 'zh', 'weibo2018-train.jsonl');
if (existsSync(weibo)) {
  const posts = readFileSync(weibo, 'utf8').split('\n').filter((l) => l.trim()).slice(0, 10_000).map((l) => String((JSON.parse(l) as { text: string }).text));
  const idx = new StoryIndex();
  const at = Date.parse('2026-05-11T00:00:00Z');
  const stories = posts.map((text, i) => idx.assign({ id: `w:${i}`, brand: 'b', platform: 'weibo', text, publishedAt: new Date(at + i * 1000), reach: 0, polarity: 'neutral' }).story);
  const sizes = new Map<string, number>();
  for (const s of stories) sizes.set(s, (sizes.get(s) ?? 0) + 1);
  const grouped = stories.filter((s) => sizes.get(s)! > 1).length;
  console.log(`weibo2018 (${posts.length} independent posts, one brand, one day): ${grouped} (${((100 * grouped) / posts.length).toFixed(1)}%) put in a story with another post`);
}
