import type { FieldErrors } from "./field-errors";

/**
 * C0 control characters and DEL, except tab, line feed and carriage return
 * (free text such as notes has lines). None of them belongs in anything a
 * person types, and some (NUL) break PostgreSQL text or hide what a field says.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const CONTROL_CHARACTER_MESSAGE = "must not contain control characters";

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/**
 * Every string in a parsed JSON value (and every key) that holds a control
 * character, by its dotted path, as field errors; empty when there is none.
 */
export function controlCharacterErrors(value: unknown, path: string[] = [], errors: FieldErrors = {}): FieldErrors {
  if (typeof value === "string") {
    if (hasControlCharacters(value)) errors[path.join(".") || "(body)"] = CONTROL_CHARACTER_MESSAGE;
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => controlCharacterErrors(item, [...path, String(i)], errors));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (hasControlCharacters(key)) errors[[...path, key.replace(CONTROL, "?")].join(".")] = CONTROL_CHARACTER_MESSAGE;
      else controlCharacterErrors(item, [...path, key], errors);
    }
  }
  return errors;
}
