/** Input schemas for canvass mutations, shared by the API routes and server actions. */
import { z } from "zod";
import { CONTACT_METHODS, CONTACT_WHICH } from "@/db/schema/enum-values";
import { CANVASS_OUTCOMES } from "./canvass-types";
import { MAX_CLOCK_OFFSET_S, parseClockOffset } from "./clock-offset";

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v.trim() === "" ? null : v.trim()))
    .nullable()
    .optional();

export const canvassEntryPatchSchema = z
  .object({
    outcome: z.enum(CANVASS_OUTCOMES, { error: `must be one of ${CANVASS_OUTCOMES.join(", ")}` }).optional(),
    /** As typed: "+3 min 12 s", "−45 s", "+1:02:03"; empty or null clears it. */
    clockOffset: z
      .string()
      .max(40, "is too long")
      .superRefine((text, ctx) => {
        const parsed = text.trim() === "" ? null : parseClockOffset(text);
        if (parsed && !parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
      })
      .nullable()
      .optional(),
    clockOffsetS: z.number().int("must be whole seconds").min(-MAX_CLOCK_OFFSET_S).max(MAX_CLOCK_OFFSET_S).nullable().optional(),
    notes: optionalText(4000),
    footageNotes: optionalText(4000),
    assignedTo: z.uuid("must be a staff user id").nullable().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.clockOffset !== undefined && value.clockOffsetS !== undefined) {
      ctx.addIssue({ code: "custom", path: ["clockOffset"], message: "give clockOffset or clockOffsetS, not both" });
    }
    if (Object.keys(value).length === 0) ctx.addIssue({ code: "custom", path: [], message: "nothing to change" });
  })
  .transform(({ clockOffset, ...rest }) => {
    if (clockOffset === undefined) return rest;
    if (clockOffset === null || clockOffset.trim() === "") return { ...rest, clockOffsetS: null };
    const parsed = parseClockOffset(clockOffset);
    return { ...rest, clockOffsetS: parsed.ok ? parsed.seconds : null };
  });
export type CanvassEntryPatch = z.output<typeof canvassEntryPatchSchema>;

export const contactAttemptSchema = z
  .object({
    contact: z.enum(CONTACT_WHICH, { error: "must be primary or alternate" }),
    method: z.enum(CONTACT_METHODS, { error: "must be visit, phone or email" }),
    note: optionalText(2000),
    at: z.iso
      .datetime({ offset: true, error: "must be an ISO 8601 time with a zone" })
      .transform((v) => new Date(v))
      .refine((d) => d.getTime() <= Date.now() + 5 * 60_000, "cannot be in the future")
      .optional(),
  })
  .strict();
export type ContactAttemptInput = z.output<typeof contactAttemptSchema>;

export const assignSchema = z
  .object({
    assigneeId: z.uuid("must be a staff user id").nullable(),
    entryIds: z.array(z.uuid("must be canvass entry ids")).min(1, "pick at least one entry").max(1000).optional(),
    /** A block face key as the canvass shows it ("W ROOSEVELT RD|10300|even"). */
    blockFaceKey: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((v) => (v.entryIds === undefined) !== (v.blockFaceKey === undefined), {
    path: ["entryIds"],
    message: "give either entryIds or blockFaceKey",
  });
export type AssignInput = z.output<typeof assignSchema>;
