// bench:scale's HTTP clients: the push API from several concurrent clients, and dashboard requests.
import { Agent, request } from 'node:http';
import { DAY_MS, type MentionBody } from './scale-data.js';
import { errorText, fmt, percentile, report } from './scale-figures.js';
import type { Options } from './scale-options.js';

/**
 * One HTTP request with a JSON answer, without a timeout of its own (fetch gives up on headers after 300 s, and a
 * slow write path is what this benchmark is there to show), over keep-alive connections like a client's.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
export function http(method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(url, { method, agent, headers: { authorization: `Bearer ${token}`, ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = text;
        try {
          json = JSON.parse(text);
        } catch {
          /* not JSON: keep the text */
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** Pushes `items` to POST /api/v1/mentions from o.clients concurrent clients, o.perRequest a request, within the budget. */
export async function push(url: string, token: string, size: number, name: string, items: MentionBody[], o: Options, expect: 'imported' | 'updated'): Promise<void> {
  const batches: MentionBody[][] = [];
  for (let i = 0; i < items.length; i += o.perRequest) batches.push(items.slice(i, i + o.perRequest));
  const deadline = performance.now() + o.budgetMs;
  let next = 0;
  let sent = 0;
  let counted = 0;
  let rejected = 0;
  const t0 = performance.now();
  let failed = 0;
  let firstError = '';
  const latencies: number[] = [];
  const client = async () => {
    while (next < batches.length && performance.now() < deadline) {
      const batch = batches[next++]!;
      const started = performance.now();
      try {
        const res = await http('POST', `${url}/api/v1/mentions`, token, batch);
        const body = res.json as { imported?: number; updated?: number; rejected?: unknown[] };
        if (res.status !== 200) throw new Error(`POST /api/v1/mentions: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
        sent += batch.length;
        counted += body[expect] ?? 0;
        rejected += body.rejected?.length ?? 0;
      } catch (err) {
        failed++;
        firstError ||= errorText(err);
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: o.clients }, client));
  const s = (performance.now() - t0) / 1000;
  if (!sent) throw new Error(`every request failed (${failed}): ${firstError}`);
  const cut = sent + failed * o.perRequest < items.length ? `, stopped at the ${o.budgetMs / 1000} s budget` : '';
  const failures = failed ? `, ${failed} requests failed (first: ${firstError})` : '';
  report(name, size, sent / s, 'mentions/s', `${sent} in ${s.toFixed(1)} s, ${o.clients} clients × ${o.perRequest}/request, slowest request ${fmt(Math.max(...latencies) / 1000)} s, ${counted} ${expect}${rejected ? `, ${rejected} rejected` : ''}${failures}${cut}`);
  report(`${name}_request_p95`, size, percentile(latencies, 95), 'ms', `one POST of ${o.perRequest}, ${latencies.length} requests, p50 ${fmt(percentile(latencies, 50))} ms`);
}

/** p95 of GET /api/v1/dashboard: `fresh` asks for the preset's range as from/to (never a snapshot), `cached` for the preset after one warm-up. */
export async function dashboard(url: string, token: string, size: number, period: '24h' | '7d' | '30d', mode: 'fresh' | 'cached', o: Options): Promise<void> {
  const span = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS }[period];
  const get = async () => {
    const now = Date.now();
    const q = mode === 'fresh' ? `from=${new Date(now - span).toISOString()}&to=${new Date(now).toISOString()}` : `period=${period}`;
    const t0 = performance.now();
    const res = await http('GET', `${url}/api/v1/dashboard?brand=acme&${q}&tz=Asia/Shanghai`, token);
    const body = res.json as { totals?: { total: number } };
    if (res.status !== 200) throw new Error(`GET /api/v1/dashboard ${mode} ${period}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return { ms: performance.now() - t0, total: body.totals?.total ?? 0 };
  };
  const warm = await get();
  const deadline = performance.now() + o.budgetMs;
  const times: number[] = [];
  while (times.length < o.runs && performance.now() < deadline) times.push((await get()).ms);
  report(`dash_${mode}_${period}_p95`, size, percentile(times, 95), 'ms', `p50 ${fmt(percentile(times, 50))} ms over ${times.length} requests after one (${fmt(warm.ms)} ms); ${warm.total} mentions of acme in range`);
}
