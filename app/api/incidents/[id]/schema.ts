import { z } from "zod";
import type { IncidentPatch } from "@/lib/investigation/incident-lifecycle";

/** An optional text field: trimmed, capped; "" or null clears it. */
const clearableText = (max: number) =>
  z
    .string({ error: "must be text or null" })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v ? v : null));

/** PATCH /api/incidents/{id}: `{ status?, caseNumber?, offense?, description?, address? }`, at least one. */
export const incidentPatchSchema = z
  .object(
    {
      status: z.enum(["open", "closed"], { error: "must be open or closed" }).optional(),
      caseNumber: clearableText(64),
      offense: clearableText(120),
      description: clearableText(4000),
      address: clearableText(200),
    },
    { error: "body must be a JSON object" },
  )
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { path: ["(body)"], message: "give at least one of status, caseNumber, offense, description, address" })
  .transform((v): IncidentPatch => v);
