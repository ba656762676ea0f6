/**
 * Read a public JSON body defensively: the declared Content-Length AND the
 * bytes actually received are held to `maxBytes` (a chunked or lying client
 * cannot stream more), the content type must be JSON, and the text must parse.
 * Each failure is a 4xx the route can return as is, never an exception.
 */
export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; error: string };

export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBodyResult> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    return { ok: false, status: 415, error: "send the registration as application/json" };
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) {
    return { ok: false, status: 413, error: `request body is larger than ${maxBytes} bytes` };
  }
  if (!request.body) return { ok: false, status: 400, error: "request body is empty" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, status: 413, error: `request body is larger than ${maxBytes} bytes` };
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  let textBody: string;
  try {
    textBody = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, status: 400, error: "request body is not valid UTF-8" };
  }
  if (!textBody.trim()) return { ok: false, status: 400, error: "request body is empty" };
  try {
    return { ok: true, value: JSON.parse(textBody) };
  } catch {
    return { ok: false, status: 400, error: "request body is not valid JSON" };
  }
}

export function requestBaseUrl(request: Request, configured?: string): string {
  if (configured) return configured.replace(/\/+$/, "");
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
