import { z } from "zod";
import { FOOTAGE_DECLINE_REASONS, FOOTAGE_DELIVERIES } from "@/db/schema/enum-values";

/** The longest window one request may ask for: a recorder search of more than a day is a different request. */
export const MAX_WINDOW_MS = 24 * 3600_000;

export const footageRequestInputSchema = z
  .object({
    from: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with a time zone" }).optional(),
    to: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with a time zone" }).optional(),
    note: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
    deliver: z.enum(FOOTAGE_DELIVERIES, `must be one of ${FOOTAGE_DELIVERIES.join(", ")}`),
  })
  .strict();
export type FootageRequestInput = z.infer<typeof footageRequestInputSchema>;

export const declineInputSchema = z
  .object({
    token: z.string().min(1, "is required"),
    reason: z.enum(FOOTAGE_DECLINE_REASONS, `must be one of ${FOOTAGE_DECLINE_REASONS.join(", ")}`),
    note: z.string().trim().max(1000, "must be at most 1000 characters").optional(),
  })
  .strict()
  .refine((v) => v.reason !== "other" || (v.note ?? "").length > 0, { path: ["note"], message: "say why, in a few words" });
