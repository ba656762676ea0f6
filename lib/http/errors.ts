/**
 * The API's one error contract. Every route answers a failure as
 *
 *     { "error": "<one-line summary>", "code": "<code>", "errors"?: { "<field.path>": "<message>" } }
 *
 * with the status below; `errors` is present for `validation` (always 422).
 * Lib code throws `AppError`; the route wrappers (`withRole`, `apiRoute`,
 * `manageRoute`) turn it into this response. Anything else thrown is either
 * "the database is not reachable" (503, see `isDatabaseUnavailable`) or a bug,
 * which stays a 500.
 */
import { z } from "zod";
import type { FieldErrors } from "./field-errors";

export const ERROR_STATUS = {
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: string;
  code: ErrorCode;
  errors?: FieldErrors;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, options: { fields?: FieldErrors; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = options.fields;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A field-level validation failure; the summary lists each field's message. */
export function validationError(fields: FieldErrors): AppError {
  return new AppError("validation", summarize(fields), { fields });
}

export function summarize(fields: FieldErrors): string {
  return (
    Object.entries(fields)
      .map(([field, message]) => `${field} ${message}`)
      .join("; ") || "the request is not valid"
  );
}

export function errorBody(err: AppError): ErrorBody {
  return { error: err.message, code: err.code, ...(err.fields ? { errors: err.fields } : {}) };
}

export function errorResponse(err: AppError): Response {
  return Response.json(errorBody(err), { status: err.status, headers: { "cache-control": "no-store", ...err.headers } });
}

/** Shorthand for routes that answer an error without throwing. */
export function errorAnswer(code: ErrorCode, message: string, options?: { fields?: FieldErrors; headers?: Record<string, string> }): Response {
  return errorResponse(new AppError(code, message, options));
}

/** A path id that is not a UUID names nothing: the same 404 as an id that is not there. */
export function requireUuid(id: string, notFoundMessage: string): string {
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", notFoundMessage);
  return id;
}
