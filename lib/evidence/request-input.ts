import { z } from "zod";
import { FOOTAGE_DECLINE_REASONS, FOOTAGE_DELIVERIES } from "@/db/schema/enum-values";
import type { Translate } from "@/lib/i18n/translate";

/** The longest window one request may ask for: a recorder search of more than a day is a different request. */
export const MAX_WINDOW_MS = 24 * 3600_000;

/**
 * An incident recorded at a single moment still needs a span of video: clocks
 * drift, people arrive and leave. Fifteen minutes either side is what a
 * detective would ask an owner to look through before narrowing it down.
 */
export const SINGLE_TIME_MARGIN_MS = 15 * 60_000;

/** The window a request asks for when the detective gives none: the incident's, widened when it is one instant. */
export function defaultRequestWindow(occurredFrom: Date, occurredTo: Date): { from: Date; to: Date } {
  if (occurredTo.getTime() - occurredFrom.getTime() >= 60_000) return { from: occurredFrom, to: occurredTo };
  return { from: new Date(occurredFrom.getTime() - SINGLE_TIME_MARGIN_MS), to: new Date(occurredTo.getTime() + SINGLE_TIME_MARGIN_MS) };
}

export const footageRequestInputSchema = z
  .object({
    from: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with a time zone" }).optional(),
    to: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with a time zone" }).optional(),
    note: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
    deliver: z.enum(FOOTAGE_DELIVERIES, `must be one of ${FOOTAGE_DELIVERIES.join(", ")}`),
  })
  .strict();
export type FootageRequestInput = z.infer<typeof footageRequestInputSchema>;

/** The owner's "no video" answer, with its messages in the owner's language (the "upload" namespace). */
export function declineInputSchema(t: Translate) {
  return z
    .object({
      token: z.string().min(1, t("errors.token")),
      reason: z.enum(FOOTAGE_DECLINE_REASONS, t("errors.reason")),
      note: z.string().trim().max(1000, t("errors.noteTooLong")).optional(),
    })
    .strict()
    .refine((v) => v.reason !== "other" || (v.note ?? "").length > 0, { path: ["note"], message: t("errors.noteRequired") });
}
