/** Seeded data for the web app tests: two days of chatter about Acme and Globex, then a food-safety surge. */
import type { Signal } from '../../src/core/detection/signal.js';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import { IngestService } from '../../src/mentions/ingest.service.js';
import type { ManualClock } from '../../src/platform/clock.js';
import type { GoldenhourConfig } from '../../src/platform/config/schema.js';
import type { TestApp } from '../support/app.js';
import { acmeBrand, mention } from '../support/factories.js';

export const NOW = new Date('2026-11-20T08:00:00Z');

export const webConfig: Partial<GoldenhourConfig> = {
  brands: [
    { ...acmeBrand, competitors: ['globex'] },
    { id: 'globex', name: 'Globex Meals', names: { en: 'Globex Meals', zh: '环球餐' }, aliases: ['globex'], keywords: ['globex'], competitors: [], timezone: 'Asia/Shanghai' },
  ],
  teams: [{ id: 'care', name: 'Customer care', members: [{ name: 'Wang Fang', email: 'wang.fang@acme.test', role: 'member' }], channels: [] }],
};

export interface SeededMention {
  brand: string;
  platform: string;
  externalId: string;
  text: string;
  publishedAt: string;
}

const PLATFORMS = ['weibo', 'jd', 'news', 'xiaohongshu'];
const HAPPY = ['Acme lunch was great, fast delivery and friendly staff', '阿克米的午餐很好吃，送餐很快', 'Love the new Acme noodles, really tasty', 'Acme delivery was quick, nice packaging'];
const CALM = ['Ordered Acme lunch again today', '今天又点了阿克米的外卖'];
const CRISIS = ['Got food poisoning from Acme lunch, my kid was sick all night, disgusting', '吃了阿克米的外卖后全家食物中毒，太恶心了，拉肚子一整晚', 'Acme chicken made us sick, food poisoning, never again', 'Food poisoning after Acme salad, terrible, hospital visit'];

/**
 * Ingests (through IngestService, the real path) 48 hours of mentions ending at NOW: steady mostly
 * positive chatter on four platforms, Globex chatter for share of voice, and in the last two hours a
 * surge of negative food-poisoning posts with high engagement.
 */
export async function seedMentions(t: TestApp): Promise<SeededMention[]> {
  const items: Record<string, unknown>[] = [];
  const hour = 3_600_000;
  for (let h = 47; h >= 0; h--) {
    const at = NOW.getTime() - h * hour;
    for (let k = 0; k < 3; k++) {
      const text = k === 2 ? CALM[h % CALM.length]! : HAPPY[(h + k) % HAPPY.length]!;
      items.push(mention({ externalId: `a-${h}-${k}`, platform: PLATFORMS[(h + k) % PLATFORMS.length], text, publishedAt: new Date(at - k * 600_000 - 60_000).toISOString(), engagement: { likes: 3 + k, shares: k, comments: 1, views: 100 } }));
    }
    items.push(mention({ brand: 'globex', externalId: `g-${h}`, platform: PLATFORMS[h % PLATFORMS.length], text: 'Globex meal box was fine, good value', publishedAt: new Date(at - 120_000).toISOString() }));
  }
  for (let i = 0; i < 24; i++) {
    items.push(mention({
      externalId: `crisis-${i}`,
      platform: i % 3 === 0 ? 'weibo' : i % 3 === 1 ? 'xiaohongshu' : 'jd',
      url: `https://weibo.example/status/crisis-${i}`,
      author: { name: `user${i}` },
      text: CRISIS[i % CRISIS.length]!,
      publishedAt: new Date(NOW.getTime() - 115 * 60_000 + i * 4 * 60_000).toISOString(),
      engagement: { likes: 200 + i * 40, shares: 50 + i * 25, comments: 30 + i * 5, views: 5000 },
    }));
  }
  const r = await t.app.get(IngestService).ingest(items, { source: 'test/web' });
  if (r.rejected.length) throw new Error(`seed mentions rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`);
  return items as unknown as SeededMention[];
}

/** A crisis-grade negative surge for acme, as detection hands it to escalation. */
export function crisisSignal(at: Date, brand = 'acme'): Signal {
  return {
    key: `${brand}|negative_surge||${at.toISOString()}`,
    brand,
    kind: 'negative_surge',
    scope: {},
    status: 'open',
    startedAt: at,
    lastSeenAt: at,
    strength: 6,
    peakStrength: 6,
    evidence: {
      observed: 24,
      expected: 3,
      negativeShare: 0.8,
      baselineNegativeShare: 0.05,
      crisisTerms: ['food poisoning'],
      topMentions: [{ platform: 'weibo', externalId: 'crisis-23', url: 'https://weibo.example/status/crisis-23', text: 'Food poisoning after Acme salad, terrible, hospital visit', engagement: 2000 }],
    },
  };
}

/** Feeds the signal to escalation (rules → alert → incident) and lets the rule's 30 s group wait pass. */
export async function openIncident(t: TestApp, clock: ManualClock, brand = 'acme'): Promise<string> {
  const escalation = t.app.get(EscalationService);
  await escalation.escalate([crisisSignal(clock.now(), brand)]);
  clock.advance(30_000);
  await escalation.escalate([]);
  const body = (await (await t.request(`/api/v1/incidents?brand=${brand}`)).json()) as { incidents: { id: string }[] };
  if (!body.incidents[0]) throw new Error('no incident was opened for the crisis signal');
  return body.incidents[0].id;
}
