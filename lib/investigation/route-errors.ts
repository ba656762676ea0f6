import "server-only";
import { resetDbAfterFatalError } from "@/db/client";
import { serviceUnavailable } from "@/lib/http/service-unavailable";

/** Database failures are logged with their detail; the caller gets a clear message without internals. */
export async function databaseFailure(what: string, err: unknown): Promise<Response> {
  console.error(`[investigation] ${what} failed:`, err);
  await resetDbAfterFatalError(err);
  return serviceUnavailable(`${what} failed; try again`);
}

/** URLSearchParams → plain object, with absent or empty parameters as undefined (so zod says "required"). */
export function queryObject(url: string, keys: readonly string[]): Record<string, string | undefined> {
  const params = new URL(url).searchParams;
  return Object.fromEntries(keys.map((k) => [k, params.get(k)?.trim() || undefined]));
}

export async function readJsonBody(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  try {
    return { ok: true, body: await request.json() };
  } catch {
    return { ok: false, response: Response.json({ error: "body must be JSON", errors: { "(body)": "must be JSON" } }, { status: 400 }) };
  }
}
