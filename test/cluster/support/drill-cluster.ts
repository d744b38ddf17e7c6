import { afterAll, beforeAll } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startFixtureSite, type FixturePost, type RunningFixtureSite } from '../../../src/demo/sites/fixture-site.js';
import { weiboSearchSite } from '../../../src/demo/sites/social-sites.js';
import { SystemClock } from '../../../src/platform/clock.js';
import { startSmtp, type SmtpReceiver } from '../../alerts/support/receivers.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { clusterWorkspace, stop, type DaemonProcess } from './cluster.js';
import { drillDatabase, type DrillDatabase } from './drill-database.js';

export const LEASE_MS = 8_000;
export const TICK_MS = 200;
export const POSTS = 60;
/** Each page of the fixture answers after this long, so a run is long enough to be killed in the middle. */
const PAGE_DELAY_MS = 300;
/** How long a unit may stay without a live holder after its holder died: its lease, a tick, and a round trip's slack. */
export const TAKEOVER_MS = LEASE_MS + TICK_MS + 2_000;
/** Every bound is a multiple of these, so a longer lease or tick in the config stretches the drills with it. */
export const WAIT_MS = 4 * LEASE_MS;

/** Figures the drills measure, written for `npm run bench:cluster` to print (never asserted as timings). */
export const figures: Record<string, number[]> = {
  takeoverAfterKillMs: [], takeoverAfterExpiryMs: [], takeoverAfterStopMs: [], handoverAfterTermMs: [], outboxRowToMailMs: [], longestSlaGapMs: [],
  signalToMailWhileDyingMs: [], recoveryAfterOutageMs: [], unitsPerDaemon: [],
};

const recipe = (origin: string) => `
name: weibo-local
platform: weibo
schedule: "*/2 * * * * *"
fetch:
  mode: json
  url: ${origin}/api/container/getIndex?containerid=100103type%3D61%26q%3D{keyword}&page={page}
politeness: { concurrency: 1, minIntervalMs: 0 }
limits: { pages: 10 }
extract:
  items: ["data.cards[*].mblog", "data.cards[*].card_group[*].mblog"]
  expect: ok
  fields: { id: id, text: { path: text, html: true }, author: user.screen_name, time: created_at, likes: attitudes_count }
pagination: { type: page, start: 1 }
`;

export type LeaseHeadDoc = { owner: string; since: Date; expiresAt: Date; epoch: number };

/**
 * One drill cluster, set up before the drills of the `describe` it is called in and torn down after them:
 * a database server of its own (a drill may stop it), a fresh SMTP receiver, a fixture source serving a
 * crisis slowly, and three daemons as separate processes (lease 8 s, tick 200 ms). Every daemon it started
 * is killed and waited for at the end, so nothing one group of drills leaves behind reaches the next.
 */
export function drillCluster(label: string) {
  const c = {
    smtp: undefined as unknown as SmtpReceiver,
    site: undefined as unknown as RunningFixtureSite,
    t: undefined as unknown as TestApp,
    db: undefined as unknown as DrillDatabase,
    posts: [] as FixturePost[],
    daemons: [] as DaemonProcess[],
  };
  let cluster: ReturnType<typeof clusterWorkspace>;
  let n = 0;
  const starting: Promise<unknown>[] = [];
  const spawnDaemon = async () => {
    const d = await cluster.start(`${label}-${++n}`);
    c.daemons.push(d);
    return d;
  };
  const alive = () => c.daemons.filter((d) => d.child.exitCode === null && d.child.signalCode === null);
  const head = async (scope: string) => (await c.t.connection.collection('leases').findOne({ _id: scope as never })) as LeaseHeadDoc | null;
  const holderOf = async (scope: string) => {
    const h = await head(scope);
    if (!h || h.expiresAt.getTime() <= Date.now()) return undefined;
    return alive().find((d) => h.owner.split(':')[1] === String(d.child.pid));
  };

  beforeAll(async () => {
    c.smtp = await startSmtp();
    const now = new Date();
    c.db = await drillDatabase();
    c.posts = Array.from({ length: POSTS }, (_, i) => ({
      id: `c${i}`, text: `Acme 外卖吃出了虫子，食物中毒了 #${i}`, author: `用户${i}`, handle: String(i + 1), publishedAt: new Date(now.getTime() - (i + 5) * 60_000), likes: i,
    }));
    c.site = await startFixtureSite(weiboSearchSite(c.posts, { now, pageSize: 10 }).map((r) => ({ ...r, respond: (...a: Parameters<typeof r.respond>) => ({ ...r.respond(...a), delayMs: PAGE_DELAY_MS }) })));
    // The wall clock, as the daemons have: leases and alert groups this process writes are compared with theirs.
    c.t = await startTestApp({ label: `cluster_${label}`, mongoUri: c.db.uri, clock: new SystemClock(), config: { brands: [{ id: 'acme', name: 'Acme', keywords: ['Acme'] }] } as never, dropOnClose: true });
    cluster = clusterWorkspace({
      mongoUri: c.db.uri,
      dbName: c.t.config.dbName,
      smtpPort: c.smtp.port,
      recipes: { 'weibo-local.yaml': recipe(c.site.origin) },
      extra: [`cluster: { leaseSeconds: ${LEASE_MS / 1000}, tickMs: ${TICK_MS} }`, 'alerts: { evaluateSeconds: 5, outbox: { pollMs: 500, leaseMs: 30000 } }', 'incidents: { slaJobSeconds: 1 }', 'brands: [{ id: acme, name: Acme, keywords: [Acme] }]'].join('\n'),
    });
    await Promise.all([spawnDaemon(), spawnDaemon(), spawnDaemon()]);
  }, 400_000);

  afterAll(async () => {
    await Promise.all(starting.splice(0));
    await Promise.all(alive().map((d) => stop(d, 'SIGKILL')));
    // Kept for reading after a failure (test/artifacts is not committed).
    mkdirSync('test/artifacts', { recursive: true });
    for (const d of c.daemons) writeFileSync(`test/artifacts/cluster-${d.name}.log`, d.log());
    if (process.env.GOLDENHOUR_CLUSTER_FIGURES) writeFileSync(process.env.GOLDENHOUR_CLUSTER_FIGURES, JSON.stringify(figures));
    await c.t?.close();
    await c.db?.close();
    await c.site?.close();
    await c.smtp?.stop();
  }, 120_000);

  return {
    get smtp() { return c.smtp; },
    get site() { return c.site; },
    get t() { return c.t; },
    get db() { return c.db; },
    get posts() { return c.posts; },
    alive,
    head,
    holderOf,
    /** A replacement starts while the drill goes on (a daemon takes long to start on a busy machine). */
    replace: () => void starting.push(spawnDaemon().catch(() => undefined)),
    /** Each drill starts with three daemons: replacements of those killed before must be up. */
    three: () => Promise.all(starting.splice(0)),
    takenOverFrom: async (scope: string, from: DaemonProcess) => {
      const h = await holderOf(scope);
      return !!h && h !== from;
    },
    /** Why a daemon looks stuck, for a failure message: its name, pid and the end of its log. */
    tell: (d: DaemonProcess) => `${d.name} (pid ${d.child.pid}), log ends:\n${d.log().slice(-2000)}`,
  };
}

export type DrillCluster = ReturnType<typeof drillCluster>;
