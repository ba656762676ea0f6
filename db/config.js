// @ts-check
/**
 * The database's part of the configuration. It lives here, below lib/, so
 * db/ reads its settings without importing upward; lib/env.js spreads these
 * fields into the one schema the app validates at start-up.
 */
import { z } from "zod";

const emptyToUndefined = (/** @type {unknown} */ v) => (v === "" ? undefined : v);

export const databaseEnvFields = {
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, "must be a postgres:// or postgresql:// URL")
      .refine((v) => {
        try {
          new URL(v);
          return true;
        } catch {
          return false;
        }
      }, "is not a valid URL")
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
};

const databaseEnvSchema = z.object(databaseEnvFields);

/** @typedef {z.infer<typeof databaseEnvSchema>} DatabaseConfig */

/**
 * @param {Record<string, string | undefined>} [source]
 * @returns {DatabaseConfig}
 */
export function databaseConfig(source = process.env) {
  const result = databaseEnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`);
    throw new Error(`Invalid configuration: ${lines.join("; ")}`);
  }
  return result.data;
}
