import { z } from "zod";
import { INCIDENT_STATUS_FILTERS, type NewIncident } from "@/lib/investigation/incidents";
import { MAX_FUTURE_MS, MAX_WINDOW_MS, isoInstant, latitude, lineString, longitude, metres } from "@/lib/http/input-fields";

const optionalText = (max: number) =>
  z
    .string({ error: "must be text" })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

/**
 * POST /api/incidents:
 * `{ caseNumber?, offense?, description?, address?, lat, lng, radiusM | route, widthM, occurredAt: ISO | { from, to } }`.
 */
export function newIncidentSchema(maxDistanceM: number, now: Date = new Date()) {
  const notFuture = (d: Date) => d.getTime() <= now.getTime() + MAX_FUTURE_MS;
  const instant = isoInstant.refine(notFuture, "must not be in the future");
  return z
    .object(
      {
        caseNumber: z
          .string()
          .trim()
          .max(64, "must be at most 64 characters")
          .optional()
          .nullable()
          .transform((v) => (v ? v : null)),
        offense: optionalText(120),
        description: optionalText(4000),
        address: optionalText(200),
        lat: latitude.optional(),
        lng: longitude.optional(),
        radiusM: metres(maxDistanceM).optional(),
        route: lineString.optional(),
        widthM: metres(maxDistanceM).optional(),
        occurredAt: z.union([instant, z.object({ from: instant, to: instant })], {
          error: (issue) =>
            issue.input === undefined ? "is required" : "must be an ISO-8601 date-time or { from, to } with a time zone",
        }),
      },
      { error: "body must be a JSON object" },
    )
    .superRefine((v, ctx) => {
      const pointGiven = v.lat !== undefined || v.lng !== undefined || v.radiusM !== undefined;
      if (v.route && pointGiven) ctx.addIssue({ code: "custom", path: ["route"], message: "give either lat/lng/radiusM or route/widthM, not both" });
      if (v.route) {
        if (v.widthM === undefined) ctx.addIssue({ code: "custom", path: ["widthM"], message: "is required with a route" });
      } else {
        if (v.lat === undefined) ctx.addIssue({ code: "custom", path: ["lat"], message: "is required (or give a route)" });
        if (v.lng === undefined) ctx.addIssue({ code: "custom", path: ["lng"], message: "is required (or give a route)" });
        if (v.radiusM === undefined) ctx.addIssue({ code: "custom", path: ["radiusM"], message: "is required with a point" });
      }
      if (typeof v.occurredAt === "object" && !(v.occurredAt instanceof Date)) {
        const { from, to } = v.occurredAt;
        if (to < from) ctx.addIssue({ code: "custom", path: ["occurredAt", "to"], message: "must not be before from" });
        else if (to.getTime() - from.getTime() > MAX_WINDOW_MS) ctx.addIssue({ code: "custom", path: ["occurredAt", "to"], message: "the window may be at most 31 days" });
      }
    })
    .transform((v): NewIncident => {
      const { from, to } = v.occurredAt instanceof Date ? { from: v.occurredAt, to: v.occurredAt } : v.occurredAt;
      return {
        caseNumber: v.caseNumber,
        offense: v.offense,
        description: v.description,
        address: v.address,
        area: v.route ? { kind: "route", route: v.route, widthM: v.widthM! } : { kind: "point", lat: v.lat!, lng: v.lng!, radiusM: v.radiusM! },
        from,
        to,
      };
    });
}

/** GET /api/incidents query. */
export const listQuerySchema = z.object({
  status: z.enum(INCIDENT_STATUS_FILTERS, { error: "must be open, closed or all" }).default("all"),
});
