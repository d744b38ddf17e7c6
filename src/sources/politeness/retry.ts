import { TransportError, type HttpResponse } from '../fetch/http-client.js';

export interface RetryPolicy {
  retries: number;
  /** First backoff; doubles per attempt, with full jitter, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the run gives up on that page instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'retries'> = { baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

export interface RetryDeps {
  sleep(ms: number): Promise<void>;
  now(): Date;
  random(): number;
  onRetry?(info: { attempt: number; delayMs: number; cause: string }): void;
}

const retryable = (status: number) => status === 429 || status === 408 || (status >= 500 && status !== 501);

/** Backoff before retry `attempt` (0-based): full jitter over an exponentially growing window. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(window / 2 + (random() * window) / 2);
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * Sends with retries on 429, 408, 5xx, timeouts and connection errors, honouring Retry-After.
 * Returns the last response (the caller judges its status); rethrows the last transport error.
 */
export async function sendWithRetries(send: () => Promise<HttpResponse>, policy: RetryPolicy, deps: RetryDeps): Promise<HttpResponse> {
  for (let attempt = 0; ; attempt++) {
    let res: HttpResponse | undefined;
    let failure: TransportError | undefined;
    try {
      res = await send();
    } catch (e) {
      if (!(e instanceof TransportError)) throw e;
      failure = e;
    }
    if (res && !retryable(res.status)) return res;
    if (attempt >= policy.retries) {
      if (res) return res;
      throw failure!;
    }
    const asked = res ? retryAfterMs(res.headers.get('retry-after'), deps.now()) : undefined;
    if (asked !== undefined && asked > policy.maxRetryAfterMs) return res!;
    const delayMs = asked ?? backoffDelay(attempt, policy, deps.random);
    deps.onRetry?.({ attempt: attempt + 1, delayMs, cause: res ? `HTTP ${res.status}` : failure!.message });
    await deps.sleep(delayMs);
  }
}
