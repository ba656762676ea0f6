import type { z } from "zod";
import { validationError } from "./errors";

/** `{ "<field.path>": "<message>" }`: the `errors` of a validation answer. */
export type FieldErrors = Record<string, string>;

/** The key for a problem with the request body as a whole (not JSON, not an object, …). */
export const BODY_FIELD = "(body)";

/** zod issues as `FieldErrors`, the first message per field. The one way to name fields in an answer. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || BODY_FIELD;
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Parse with `schema` or throw the validation `AppError` (422) naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(fieldErrors(parsed.error));
  return parsed.data;
}
