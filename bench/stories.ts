// `npm run bench:stories [-- DATA_DIR]`: story matching.
//  1. Pairwise precision and recall on the hand-written labelled set test/stories/labelled.jsonl (313 posts,
//     82 stories; its shingle sizes and threshold were chosen on it, so these are in-sample figures).
//  2. Milliseconds per mention after 10 k, 100 k and 1 M mentions stored (synthetic posts at 10,000 a day, a third
//     of them reposts or edits, so a larger history is a longer one). The history is written straight into the
//     stored layout on the embedded database (see support/story-history.ts; minutes for 1 M). Then 10,000 more
//     mentions of the next day go through StoriesService.record in batches of 500, as ingest sends them (the
//     first batch warms the hot window from the store, timed apart), and the same mentions through the index in
//     memory alone. Wall time and this process's CPU time (the machine is shared, so CPU is the steadier figure;
//     the database server's CPU is in its own process and shows only in the wall time).
//  3. When the development data's sentiment/zh/weibo2018-train.jsonl is present (read at run time, never copied): the
//     share of 10,000 independent Weibo posts put in a story with another one (a held-out check of precision:
//     few of them are really about the same thing).
import { Logger } from '@nestjs/common';
import mongoose, { type Connection } from 'mongoose';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StoryPost } from '../src/core/stories/features.js';
import { pairwiseScore } from '../src/core/stories/pairwise.js';
import { postFeatures } from '../src/core/stories/features.js';
import { addToStory, type Story } from '../src/core/stories/story.js';
import { StoryIndex } from '../src/core/stories/story-index.js';
import type { BrandsService } from '../src/brands/brands.service.js';
import type { StoredMention } from '../src/mentions/mention.js';
import { SystemClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/database/embedded-database.js';
import { Readiness } from '../src/platform/health/readiness.js';
import { Runtime } from '../src/platform/runtime.js';
import { StoriesRepository } from '../src/stories/stories.repository.js';
import { StoriesService } from '../src/stories/stories.service.js';
import { labelledPosts } from '../test/stories/labelled.js';
import { seedStoryHistory, syntheticPosts } from './support/story-history.js';
import { devDataDir } from './support/dev-data.js';

const dataDir = devDataDir('.', false) ?? '';

const labelled = labelledPosts();
const index = new StoryIndex();
const predicted = labelled.map((p) => index.assign(p.post).story);
const score = pairwiseScore(labelled.map((p) => p.story), predicted);
console.log(`labelled set: ${labelled.length} posts, ${new Set(labelled.map((p) => p.story)).size} stories → ${new Set(predicted).size} found`);
console.log(`  pairwise precision ${score.precision.toFixed(3)}  recall ${score.recall.toFixed(3)}  (pairs: ${score.labelled} labelled, ${score.predicted} put together, ${score.agreed} both)`);

/** Mentions of the measured day as ingest hands them to the stories feature (what it reads of them). */
function storedMention(p: StoryPost): StoredMention {
  return { _id: p.id, brand: p.brand, platform: p.platform, text: p.text, author: p.author, publishedAt: p.publishedAt, engagement: { likes: p.reach, shares: 0, comments: 0 }, sentiment: { score: 0, label: p.polarity }, keywords: [] } as unknown as StoredMention;
}

/** Process CPU milliseconds since `from`. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1000;
};

async function perMention(connection: Connection, stored: number): Promise<void> {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const posts = syntheticPosts(start, PER_DAY);
  const db = connection.useDb(`bench_stories_${stored}_${Date.now()}`, { useCache: false });
  const seeded = await seedStoryHistory(db.db!, posts, stored);
  console.log(`  ${stored.toLocaleString('en')} stored (${Math.ceil(stored / PER_DAY)} days of ${PER_DAY.toLocaleString('en')}): seeded ${seeded.members.toLocaleString('en')} members and ${seeded.stories.toLocaleString('en')} story summaries in ${seeded.seconds.toFixed(0)} s`);
  const next = Array.from({ length: MEASURED }, () => posts.next().value as StoryPost);
  // Through the stories feature on the stored history: a fresh service (as after a start) warms its window from the store on the first batch.
  const service = new StoriesService(new StoriesRepository(db), { neutralNames: async () => [] } as unknown as BrandsService, new SystemClock(), new Readiness(), new Runtime(false));
  let t0 = performance.now();
  await service.record(next.slice(0, BATCH).map(storedMention));
  console.log(`    first batch of ${BATCH} (warms the hot window from the store): ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  t0 = performance.now();
  let cpu0 = process.cpuUsage();
  for (let i = BATCH; i < MEASURED; i += BATCH) await service.record(next.slice(i, i + BATCH).map(storedMention));
  const n = MEASURED - BATCH;
  console.log(`    with the store (StoriesService.record, batches of ${BATCH}): ${((performance.now() - t0) / n).toFixed(4)} ms per mention wall, ${(cpuMs(cpu0) / n).toFixed(4)} ms CPU of this process, over ${n.toLocaleString('en')}`);
  // The assignment alone, in memory, from the window the history left (what ingest computes per mention).
  t0 = performance.now();
  cpu0 = process.cpuUsage();
  let batch = new Map<string, Story>();
  for (const [i, post] of next.entries()) {
    const a = seeded.index.assign(post, postFeatures(post));
    batch.set(a.story, addToStory(batch.get(a.story) ?? null, a.story, post));
    if (i % BATCH === BATCH - 1) batch = new Map();
  }
  const size = seeded.index.size();
  console.log(`    assignment in memory: ${((performance.now() - t0) / MEASURED).toFixed(4)} ms per mention wall, ${(cpuMs(cpu0) / MEASURED).toFixed(4)} ms CPU, over ${MEASURED.toLocaleString('en')}  (hot: ${size.days} days, ${size.keys.toLocaleString('en')} keys, ${size.stories.toLocaleString('en')} stories)`);
  await db.dropDatabase();
}

const PER_DAY = 10_000;
const MEASURED = 10_000;
const BATCH = 500;
console.log(`cost per mention after N stored (synthetic posts, ${PER_DAY.toLocaleString('en')} a day, so a larger history is a longer one; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores):`);
// STORIES_BENCH_STORED=10000,100000 picks the history sizes.
const sizes = (process.env.STORIES_BENCH_STORED ?? '10000,100000,1000000').split(',').map(Number);
Logger.overrideLogger(['error', 'warn']);
const handle = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'gh-bench-stories-')), cacheDir: '.cache/ferretdb', env: process.env, log: () => undefined });
const connection = await mongoose.createConnection(handle.uri).asPromise();
console.log(`  database: ${handle.kind}`);
try {
  for (const stored of sizes) await perMention(connection, stored);
} finally {
  await connection.close();
  await handle.stop();
}

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
