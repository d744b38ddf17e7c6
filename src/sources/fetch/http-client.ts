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
      const body = decodeBody(new Uint8Array(await res.arrayBuffer()), res.headers.get('content-type'));
      return { status: res.status, headers: res.headers, body, url: res.url || req.url };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
      if (err.name === 'TimeoutError' || err.name === 'AbortError')
        throw new TransportError('timeout', req.url, `no complete response from ${new URL(req.url).host} within ${req.timeoutMs} ms`);
      throw new TransportError('network', req.url, `request to ${new URL(req.url).host} failed: ${err.cause?.code ?? err.cause?.errors?.[0]?.code ?? err.cause?.message ?? err.message}`);
    }
  }
}

/** Decodes by the declared charset: JD and other Chinese sites still answer in GBK/GB18030. */
function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(charset === 'gbk' || charset === 'gb2312' ? 'gb18030' : charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
