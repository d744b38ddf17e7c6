/** One HTTP exchange as the fetchers see it. */
export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  /** The URL after redirects. */
  url: string;
}

/** A request that got no HTTP answer: it timed out or the connection failed. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    readonly url: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends requests with Node's fetch; a timeout covers the whole exchange, body included. */
export class HttpClient {
  async send(req: HttpRequest): Promise<HttpResponse> {
    const signal = AbortSignal.timeout(req.timeoutMs);
    try {
      const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal, redirect: 'follow' });
      const body = await res.text();
      return { status: res.status, headers: res.headers, body, url: res.url || req.url };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      if (err.name === 'TimeoutError' || err.name === 'AbortError')
        throw new TransportError('timeout', req.url, `no complete response from ${new URL(req.url).host} within ${req.timeoutMs} ms`);
      throw new TransportError('network', req.url, `request to ${new URL(req.url).host} failed: ${err.cause?.code ?? err.message}`);
    }
  }
}
