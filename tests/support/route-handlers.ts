/**
 * The one request helper for calling the app's route handlers in-process
 * against a test database (point getDb() at it with `setDbForTests`); requests carry a real API token,
 * so authentication, validation, queries and audit all run as in the app. A body that is not a string is
 * sent as JSON; give a `content-type` header to send it as something else (a form, to test a 415).
 */
import { NextRequest } from "next/server";

export function request(path: string, init: { authorization?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "user-agent": "vitest", ...init.headers };
  if (init.authorization) headers.authorization = init.authorization;
  if (init.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  return new NextRequest(new URL(path, "http://localhost"), {
    method: init.method ?? (init.body !== undefined ? "POST" : "GET"),
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}

export const noParams = { params: Promise.resolve({}) };
export const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
