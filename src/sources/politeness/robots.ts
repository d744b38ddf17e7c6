import robotsModule from 'robots-parser';
import { TransportError, type HttpClient } from '../fetch/http-client.js';

interface RobotsTxt {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
}
// robots-parser is CommonJS (module.exports = fn) but its types declare an ES default export.
const robotsParser = robotsModule as unknown as (url: string, contents: string) => RobotsTxt;

type Verdict = { allowed: true } | { allowed: false; reason: string };
type Rules = { kind: 'parsed'; robot: RobotsTxt } | { kind: 'allow-all' } | { kind: 'unreachable'; reason: string };

const CACHE_MS = 3600_000;

/**
 * robots.txt per origin, fetched once an hour. A missing robots.txt (4xx) allows everything;
 * one that cannot be read (5xx, timeout) allows nothing until it can, as Google's crawler does.
 */
export class RobotsGate {
  private readonly cache = new Map<string, { rules: Rules; at: number }>();

  constructor(
    private readonly http: HttpClient,
    private readonly monotonicNow: () => number,
  ) {}

  async check(url: string, userAgent: string): Promise<Verdict> {
    const origin = new URL(url).origin;
    const rules = await this.rulesFor(origin, userAgent);
    if (rules.kind === 'allow-all') return { allowed: true };
    if (rules.kind === 'unreachable') return { allowed: false, reason: rules.reason };
    if (rules.robot.isAllowed(url, userAgent) === false) {
      const line = rules.robot.getMatchingLineNumber(url, userAgent);
      return { allowed: false, reason: `${origin}/robots.txt (line ${line}) disallows ${new URL(url).pathname} for ${userAgent}; set fetch.robots: ignore in the recipe only if you have the site's permission` };
    }
    return { allowed: true };
  }

  private async rulesFor(origin: string, userAgent: string): Promise<Rules> {
    const cached = this.cache.get(origin);
    if (cached && this.monotonicNow() - cached.at < CACHE_MS) return cached.rules;
    const rules = await this.fetchRules(origin, userAgent);
    this.cache.set(origin, { rules, at: this.monotonicNow() });
    return rules;
  }

  private async fetchRules(origin: string, userAgent: string): Promise<Rules> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const res = await this.http.send({ url: robotsUrl, method: 'GET', headers: { 'user-agent': userAgent }, timeoutMs: 10_000 });
      if (res.status >= 200 && res.status < 300) return { kind: 'parsed', robot: robotsParser(robotsUrl, res.body) };
      if (res.status >= 400 && res.status < 500) return { kind: 'allow-all' };
      return { kind: 'unreachable', reason: `${robotsUrl} answered HTTP ${res.status}; crawling waits until it can be read` };
    } catch (e) {
      if (!(e instanceof TransportError)) throw e;
      return { kind: 'unreachable', reason: `${robotsUrl} could not be read (${e.message}); crawling waits until it can be read` };
    }
  }
}
