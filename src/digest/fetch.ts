/**
 * HTTP for the feed poller: fetch (undici, built into Node) with a timeout and a cap on the body,
 * checked on the declared length and again while reading, so a huge or endless body is cut off early.
 */

/** A fetch that failed: timeout, HTTP status, body too large, network. */
export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    readonly kind: "timeout" | "status" | "too-large" | "network",
    message: string,
  ) {
    super(message);
  }
}

export const FETCH_TIMEOUT = (url: string, ms: number) => `feeds: ${url}: no answer within ${ms} ms`;
export const FETCH_STATUS = (url: string, status: number) => `feeds: ${url}: HTTP ${status}`;
export const FETCH_TOO_LARGE = (url: string, max: number) =>
  `feeds: ${url}: body larger than ${max} bytes, not read`;
export const FETCH_NETWORK = (url: string, why: string) => `feeds: ${url}: ${why}`;

/** Fetches `url` as text, within `timeoutMs` and `maxBytes`. */
export async function fetchText(
  url: string,
  { timeoutMs, maxBytes, accept }: { timeoutMs: number; maxBytes: number; accept?: string },
): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {
      signal,
      redirect: "follow",
      headers: { accept: accept ?? "*/*", "user-agent": "newsdesk-feed-poller/0.1" },
    });
  } catch (err) {
    if (signal.aborted) throw new FetchError("timeout", FETCH_TIMEOUT(url, timeoutMs));
    throw new FetchError(
      "network",
      FETCH_NETWORK(url, (err as Error).cause ? String((err as Error).cause) : (err as Error).message),
    );
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new FetchError("status", FETCH_STATUS(url, res.status));
  }
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new FetchError("too-large", FETCH_TOO_LARGE(url, maxBytes));
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new FetchError("too-large", FETCH_TOO_LARGE(url, maxBytes));
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if (signal.aborted) throw new FetchError("timeout", FETCH_TIMEOUT(url, timeoutMs));
    throw new FetchError("network", FETCH_NETWORK(url, (err as Error).message));
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}
