import "server-only";
/**
 * Where a route's failures become answers (the contract is in ./errors.ts):
 * an `AppError` is answered as itself; a database that is really unreachable
 * (`isDatabaseUnavailable`) is a 503 with Retry-After; anything else is a bug
 * and is rethrown, so it stays a 500 with the stack in the server log.
 */
import { getDb, resetDbAfterFatalError, type Db } from "@/db/client";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { AppError, errorResponse } from "./errors";
import { serviceUnavailable, unavailableError } from "./service-unavailable";

/** The database, or the 503 AppError when it cannot be opened at all. */
export async function openDatabase(): Promise<Db> {
  try {
    return await getDb();
  } catch (err) {
    console.error(`[api] opening the database failed: ${err instanceof Error ? err.message : String(err)}`);
    await resetDbAfterFatalError(err);
    throw unavailableError("the database is unavailable right now; try again");
  }
}

export async function databaseFailure(err: unknown, what = "the request"): Promise<Response> {
  if (!isDatabaseUnavailable(err)) throw err;
  // The driver's own error (innermost cause), not drizzle's wrapper, whose message quotes the query's parameters.
  let cause: unknown = err;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  console.error(`[api] ${what}: database unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
  await resetDbAfterFatalError(err);
  return serviceUnavailable("the database is unavailable right now; try again");
}

export async function answerError(err: unknown, what?: string): Promise<Response> {
  if (err instanceof AppError) return errorResponse(err);
  return databaseFailure(err, what);
}

/**
 * A route handler under the contract, for routes without a staff role (the
 * public registration API); staff routes get the same from `withRole`.
 */
export function apiRoute<R extends Request, A extends unknown[]>(what: string, handler: (request: R, ...rest: A) => Promise<Response>) {
  return async (request: R, ...rest: A): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (err) {
      return answerError(err, what);
    }
  };
}

/** URLSearchParams → plain object, absent or empty parameters as undefined (so zod says "required"). */
export function queryObject(url: string, keys: readonly string[]): Record<string, string | undefined> {
  const params = new URL(url).searchParams;
  return Object.fromEntries(keys.map((k) => [k, params.get(k)?.trim() || undefined]));
}
