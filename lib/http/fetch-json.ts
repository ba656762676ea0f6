/**
 * The one JSON fetch for client components. It reads any answer of the API's
 * error contract (lib/http/errors.ts) into the same shape, so a form shows
 * field errors under their fields and anything else as one message, and a
 * network failure is an answer too (status 0), never an exception. Aborting
 * (the caller's `signal`) still throws the AbortError, so superseded requests
 * can be ignored.
 */
import type { ErrorCode } from "./errors";
import type { FieldErrors } from "./field-errors";

export type JsonAnswer<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      /** 0 when the server could not be reached. */
      status: number;
      code: ErrorCode | null;
      /** The server's one-line message, if it sent one; callers word their own fallback. */
      error: string | null;
      errors: FieldErrors;
    };

export interface FetchJsonInit {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON with `content-type: application/json`; omit for no body. */
  body?: unknown;
  signal?: AbortSignal;
}

export async function fetchJson<T = unknown>(url: string, init: FetchJsonInit = {}): Promise<JsonAnswer<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      signal: init.signal,
      ...(init.body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(init.body) }),
    });
  } catch (err) {
    if (err instanceof Error && err.name === "AbortError") throw err;
    return { ok: false, status: 0, code: null, error: null, errors: {} };
  }
  const data: unknown = res.status === 204 || res.status === 304 ? null : await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: data as T };
  const body = (data && typeof data === "object" ? data : {}) as { error?: unknown; code?: unknown; errors?: unknown };
  return {
    ok: false,
    status: res.status,
    code: typeof body.code === "string" ? (body.code as ErrorCode) : null,
    error: typeof body.error === "string" ? body.error : null,
    errors: body.errors && typeof body.errors === "object" ? (body.errors as FieldErrors) : {},
  };
}

/** The key under which `problemsOf` puts a failure that names no field. */
export const REQUEST_FIELD = "(request)";

/** A failed answer as field errors for a form: the server's field errors, else one message under `(request)`. */
export function problemsOf(answer: Extract<JsonAnswer<unknown>, { ok: false }>): FieldErrors {
  if (Object.keys(answer.errors).length > 0) return answer.errors;
  if (answer.status === 0) return { [REQUEST_FIELD]: "network error; nothing was saved" };
  return { [REQUEST_FIELD]: answer.error ?? `failed (${answer.status})` };
}
