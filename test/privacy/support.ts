import type { Connection } from 'mongoose';
import type { ManualClock } from '../../src/platform/clock.js';
import { acmeBrand, mention } from '../support/factories.js';
import { EscalationService } from '../../src/incidents/escalation.service.js';
import { careTeam, crisisSignal } from '../incidents/support.js';
import type { TestApp } from '../support/app.js';

export const privacyConfig = { ...careTeam, brands: [{ ...acmeBrand, masking: { orderPatterns: ['JD\\d{10,14}'] } }] };

/** Wang's three posts (one re-sighted with new engagement, so it has a revision record) and one of Li's. */
export const wang = { platform: 'weibo', handle: '@wang_fang' };
export const wangPosts = [
  mention({ externalId: 'wang-1', url: 'https://weibo.example/wang-1', text: 'Food poisoning after Acme chicken rice wangmarker1, call me 13987654321, order JD12345678901', author: { name: 'Wang Fang', handle: wang.handle }, engagement: { likes: 5, shares: 40, comments: 9, views: 900 } }),
  mention({ externalId: 'wang-2', text: '阿克米的外卖太好吃了 wangmarker2', publishedAt: '2026-11-19T10:00:00Z', author: { name: 'Wang Fang', handle: wang.handle } }),
  mention({ externalId: 'wang-3', text: 'Acme delivery was late again and the food was cold wangmarker3', publishedAt: '2026-11-18T10:00:00Z', author: { name: 'Wang Fang', handle: wang.handle } }),
];
export const liPost = mention({ externalId: 'li-1', url: 'https://weibo.example/li-1', text: 'Acme made me sick too, disgusting limarker', author: { name: 'Li Lei', handle: '@lilei' }, engagement: { likes: 2, shares: 30, comments: 3, views: 300 } });

/**
 * Stores Wang's and Li's posts, re-sights one of Wang's, and opens a crisis incident whose signal
 * evidence quotes Wang's and Li's posts (signal, alert, alert group, incident, team email in the outbox).
 */
export async function seedPeople(t: TestApp, clock: ManualClock): Promise<void> {
  const post = (body: unknown) => t.request('/api/v1/mentions', { method: 'POST', as: 'responder', json: body });
  await post([...wangPosts, liPost]);
  clock.advance(60_000);
  await post({ ...wangPosts[2], engagement: { likes: 7, shares: 2, comments: 1, views: 50 } });
  const quote = (m: Record<string, unknown>) => ({ platform: 'weibo', externalId: m.externalId as string, url: m.url as string | undefined, text: String(m.text).replace('13987654321', '139****4321').replace('JD12345678901', '*********8901'), engagement: 54 });
  const signal = crisisSignal(clock.now(), { evidence: { ...crisisSignal(clock.now()).evidence, topMentions: [quote(wangPosts[0]!), quote(liPost)] } });
  // As detection stores it: in the live set and in the partition of the month it started.
  for (const name of ['signals_live', `signals_${signal.startedAt.toISOString().slice(0, 7).replace('-', '')}`]) {
    await t.connection.db!.collection(name).insertOne({ _id: signal.key as never, ...signal, scopeKey: 'acme|negative_surge|', history: [], updatedAt: clock.now() });
  }
  const escalation = t.app.get(EscalationService);
  await escalation.escalate([signal]);
  clock.advance(30_000);
  await escalation.escalate([]);
}

/** Every document of every collection, as JSON text (to look for any copy left anywhere). */
export async function everything(connection: Connection): Promise<string> {
  const parts: string[] = [];
  for (const c of await connection.db!.listCollections({}, { nameOnly: true }).toArray()) parts.push(JSON.stringify(await connection.db!.collection(c.name).find({}).toArray()));
  return parts.join('\n');
}
