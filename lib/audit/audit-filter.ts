import { z } from "zod";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "is not a real date");
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), z.string().max(max).optional());

/** The admin audit page's filter, from its query string. Dates are days in the agency's time zone. */
export const auditFilterSchema = z
  .object({
    /** A user's id or (part of) the actor label, e.g. their e-mail. */
    user: optionalText(320),
    action: optionalText(100),
    targetType: optionalText(50),
    targetId: optionalText(100),
    from: z.preprocess((v) => (v === "" ? undefined : v), day.optional()),
    to: z.preprocess((v) => (v === "" ? undefined : v), day.optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "must not be before the start date" });

export type AuditFilter = z.infer<typeof auditFilterSchema>;
