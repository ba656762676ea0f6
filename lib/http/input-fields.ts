/**
 * zod pieces shared by the investigation routes (each route's own schema sits
 * beside it). Their errors are answered by the API's one contract (lib/http/errors.ts).
 */
import { z } from "zod";

const numberOrRequired = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : `must be ${what}`),
});

export const latitude = z.coerce
  .number(numberOrRequired("a number"))
  .refine(Number.isFinite, "must be a number")
  .refine((v) => v >= -90 && v <= 90, "must be a latitude between -90 and 90");
export const longitude = z.coerce
  .number(numberOrRequired("a number"))
  .refine(Number.isFinite, "must be a number")
  .refine((v) => v >= -180 && v <= 180, "must be a longitude between -180 and 180");

/** An ISO-8601 instant with a zone (Z or ±hh:mm), so "when" is never ambiguous. */
export const isoInstant = z
  .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be an ISO-8601 date-time") })
  .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v) && !Number.isNaN(Date.parse(v)), {
    message: "must be an ISO-8601 date-time with a time zone, e.g. 2026-03-08T01:30:00-06:00",
  })
  .transform((v) => new Date(v));

export function metres(maxM: number) {
  return z.coerce
    .number(numberOrRequired("a number of metres"))
    .refine(Number.isFinite, "must be a number of metres")
    .refine((v) => v > 0, "must be greater than 0 metres")
    .refine((v) => v <= maxM, `must be at most ${maxM} metres (the configured cap)`);
}

export const lngLat = z.tuple([longitude, latitude], { error: "must be a [longitude, latitude] pair" });

export const lineString = z.object(
  {
    type: z.literal("LineString", { error: 'must be a GeoJSON LineString ("type": "LineString")' }),
    coordinates: z.array(lngLat).min(2, "a route needs at least 2 points").max(1000, "a route may have at most 1000 points"),
  },
  { error: "must be a GeoJSON LineString" },
);

export { MAX_FUTURE_MS, MAX_WINDOW_MS } from "./time-limits";
