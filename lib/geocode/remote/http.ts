/**
 * GET JSON from a geocoding service with a per-attempt timeout and retries
 * with exponential backoff on timeouts, network errors, 429 and 5xx. Logs
 * carry the provider, attempt and status only: the URL holds the address.
 */
export interface HttpOptions {
  provider: string;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  headers?: Record<string, string>;
  fetchImpl?: typeof fetch;
}

export class RemoteGeocoderError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${provider}: ${message}`);
    this.name = "RemoteGeocoderError";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function getJsonWithRetry(url: URL, options: HttpOptions): Promise<unknown> {
  const fetchImpl = options.fetchImpl ?? fetch;
  let lastError: RemoteGeocoderError | undefined;
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep(options.backoffMs * 2 ** (attempt - 1));
    try {
      const response = await fetchImpl(url, {
        headers: { accept: "application/json", ...options.headers },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (response.ok) return await response.json();
      lastError = new RemoteGeocoderError(options.provider, `HTTP ${response.status}`, response.status);
      // A 4xx other than 429 will not get better by asking again.
      if (response.status < 500 && response.status !== 429) break;
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      lastError = new RemoteGeocoderError(options.provider, timedOut ? `timed out after ${options.timeoutMs} ms` : "network error");
    }
    console.warn(`[geocode] attempt ${attempt + 1} failed: ${lastError.message}`);
  }
  throw lastError ?? new RemoteGeocoderError(options.provider, "failed");
}
