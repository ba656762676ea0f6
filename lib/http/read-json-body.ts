/**
 * The one JSON body reader for route handlers. Hostile clients are assumed:
 * the content type must be JSON (`application/json` or `+json`), the declared
 * Content-Length AND the bytes actually received are held to `maxBytes` (a
 * chunked or lying client cannot stream more), the bytes must be UTF-8 and the
 * text must parse, it may not nest deeper than MAX_JSON_DEPTH, and no string in it may hold a control character. Each failure throws the `AppError` the route wrappers turn
 * into the documented answer (415, 413, or 422 on `(body)`); never a 500.
 *
 * Requiring a JSON content type also means a plain HTML form on another site
 * cannot post here without a CORS preflight; the Origin check for
 * cookie-authenticated writes belongs beside this, in the route wrapper
 * (see `lib/auth/with-role.ts`).
 */
import { AppError, validationError } from "./errors";
import { BODY_FIELD } from "./field-errors";
import { controlCharacterErrors } from "./control-characters";

/** Default cap for staff JSON bodies; public routes pass their own (e.g. REGISTRATION_MAX_BODY_BYTES). */
export const DEFAULT_JSON_BODY_BYTES = 64_000;

/**
 * Arrays and objects inside one another, at most. The deepest body the API takes (a registration's
 * `cameras.0.bearingDeg`) is 3 levels; a hostile `[[[[…]]]]` of a few kB is thousands deep, and walking
 * it recursively overflowed the stack (a 500). Refused before anything else walks it.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests arrays/objects more than `max` levels deep (an explicit stack, never recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: v, depth } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

const JSON_CONTENT_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

export function isJsonContentType(contentType: string | null): boolean {
  return JSON_CONTENT_TYPE.test(contentType ?? "");
}

export async function readJsonBody(request: Request, maxBytes: number = DEFAULT_JSON_BODY_BYTES): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError("unsupported_media_type", "send the request body as application/json");
  }
  const tooLarge = () => new AppError("too_large", `request body is larger than ${maxBytes} bytes`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const bytes: Uint8Array[] = [];
  if (request.body) {
    const reader = request.body.getReader();
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      bytes.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(bytes));
  } catch {
    throw validationError({ [BODY_FIELD]: "is not valid UTF-8" });
  }
  if (!text.trim()) throw validationError({ [BODY_FIELD]: "is required (a JSON body)" });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw validationError({ [BODY_FIELD]: "is not valid JSON" });
  }
  if (nestedDeeperThan(value, MAX_JSON_DEPTH)) throw validationError({ [BODY_FIELD]: `is nested too deeply (more than ${MAX_JSON_DEPTH} levels)` });
  // No text field of any route, staff or public, takes control characters (a NUL once reached the SQL).
  const controls = controlCharacterErrors(value);
  if (Object.keys(controls).length) throw validationError(controls);
  return value;
}

/** The body as a JSON object (not an array, null or a scalar), else a 422 on `(body)`. */
export async function readJsonObject(request: Request, maxBytes?: number): Promise<Record<string, unknown>> {
  const value = await readJsonBody(request, maxBytes);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw validationError({ [BODY_FIELD]: "must be a JSON object" });
  }
  return value as Record<string, unknown>;
}
