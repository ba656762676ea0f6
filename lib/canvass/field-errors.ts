import type { z } from "zod";

/** zod issues as the API's `{ "<field.path>": "<message>" }`, first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "(body)";
    errors[key] ??= issue.message;
  }
  return errors;
}

export type MutationResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 403 | 404 | 409 | 422; errors?: Record<string, string>; error?: string };
