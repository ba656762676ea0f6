/**
 * The one registration schema, shared by the public form (client) and the
 * server (API, owner self-service, bulk import). Its shape is the public API
 * contract (README, "Registration"): extend it, never rename a field.
 *
 * Free text is stored as plain text and only ever rendered as text (React
 * escapes it); markup is refused outright in names and addresses, where it can
 * only be an attack, so a later export to HTML or a spreadsheet cannot be
 * turned against staff.
 */
import { z } from "zod";

// In the browser this schema validates the form: no compiled (eval) fast path there, so zod does not
// probe `new Function`, which the Content-Security-Policy refuses and reports (lib/http/security-headers.ts).
if (typeof window !== "undefined") z.config({ jitless: true });

import { CAMERA_POSITIONS, PLAYBACK_FORMATS } from "@/db/schema/enum-values";

export { CAMERA_POSITIONS, PLAYBACK_FORMATS };
export type CameraPosition = (typeof CAMERA_POSITIONS)[number];
export type PlaybackFormat = (typeof PLAYBACK_FORMATS)[number];

export const CAMERA_POSITION_LABELS: Record<CameraPosition, string> = {
  front: "Front",
  rear: "Rear",
  side: "Side",
  garage_alley: "Garage / alley",
  parking_lot: "Parking lot",
  other: "Other",
};

export const US_STATES = [
  "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
  "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
  "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
] as const;

/** Anything that looks like an HTML/XML tag or a script URL. */
const MARKUP = /<\s*\/?\s*[a-z!?][^>]*>|javascript:/i;
// Control characters other than tab/newline never belong in a form answer.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function text(label: string, maxLength: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(maxLength, `${label} must be at most ${maxLength} characters`)
    .refine((v) => !CONTROL_CHARS.test(v), `${label} contains characters that are not allowed`)
    .refine((v) => !MARKUP.test(v), `${label} must not contain HTML or script tags`);
}

function requiredText(label: string, maxLength: number) {
  return text(label, maxLength).pipe(z.string().min(1, `${label} is required`));
}

/** Empty strings from form fields mean "not given". */
function optionalText(label: string, maxLength: number) {
  return z.preprocess((v) => (v === "" || v === null ? undefined : v), text(label, maxLength).optional()).transform(
    (v) => (v === "" ? undefined : v),
  );
}

/** US phone: 10 digits (an optional leading 1), any common punctuation; stored as 708-555-0134. */
export const phoneSchema = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(32, `${label} is too long`)
    .refine((v) => {
      if (!/^[0-9()+.\-\s]+$/.test(v)) return false;
      const digits = v.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "");
      return digits.length === 10 && /^[2-9]\d{2}[2-9]/.test(digits);
    }, `Enter ${label.toLowerCase()} as a 10-digit US number, e.g. 708-555-0134`)
    .transform((v) => {
      const d = v.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "");
      return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
    });

export const emailSchema = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(254, `${label} is too long`)
    .pipe(z.email(`Enter a valid ${label.toLowerCase()}, e.g. name@example.com`))
    .transform((v) => v.toLowerCase());

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());
}

function integer(label: string, min: number, max: number) {
  return z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);
}

export const cameraSchema = z.object({
  position: z.enum(CAMERA_POSITIONS, { error: "Choose where this camera is" }),
  bearingDeg: optional(
    z
      .number({ error: "Facing direction must be a compass bearing in degrees" })
      .min(0, "Facing direction must be between 0 and 359 degrees")
      .lt(360, "Facing direction must be between 0 and 359 degrees"),
  ),
  fovDeg: optional(
    z.number({ error: "Field of view must be a number" }).min(1, "Field of view must be at least 1°").max(360, "Field of view must be at most 360°"),
  ),
  rangeM: optional(
    z.number({ error: "Range must be a number" }).min(1, "Range must be at least 1 m").max(500, "Range must be at most 500 m"),
  ),
  recordsStreet: z.boolean({ error: "Say whether this camera records the street" }),
  note: optionalText("Camera note", 500),
});

export const addressSchema = z.object({
  line1: requiredText("Street address", 120).refine((v) => /\d/.test(v), "Street address must include a house number"),
  unit: optionalText("Unit", 20),
  city: requiredText("City", 60),
  state: z
    .string({ error: "State must be text" })
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(US_STATES, { error: "Enter a US state as its two-letter code, e.g. IL" })),
  zip: z
    .string({ error: "ZIP code must be text" })
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, "Enter a 5-digit ZIP code, e.g. 60154"),
});

export const ownerSchema = z.object({
  name: requiredText("Name", 100),
  businessName: optionalText("Business name", 120),
  phone: phoneSchema("Phone"),
  email: emailSchema("E-mail"),
});

export const alternateContactSchema = z.object({
  name: requiredText("Alternate contact's name", 100),
  phone: phoneSchema("Alternate contact's phone"),
  email: optional(emailSchema("Alternate contact's e-mail")),
});

export const pinSchema = z.object({
  lat: z.number({ error: "Latitude must be a number" }).min(-90, "Latitude out of range").max(90, "Latitude out of range"),
  lng: z.number({ error: "Longitude must be a number" }).min(-180, "Longitude out of range").max(180, "Longitude out of range"),
});

/** The registration without the consent: what an owner may later edit. */
export const registrationDetailsSchema = z.object({
  owner: ownerSchema,
  address: addressSchema,
  alternateContact: optional(alternateContactSchema),
  cameraLocations: z
    .array(z.enum(CAMERA_POSITIONS, { error: "Unknown camera location" }), { error: "Camera locations must be a list" })
    .min(1, "Select at least one camera location")
    .max(CAMERA_POSITIONS.length, "Too many camera locations")
    .transform((v) => [...new Set(v)]),
  cameras: z
    .array(cameraSchema, { error: "Cameras must be a list" })
    .min(1, "Describe at least one camera")
    .max(50, "At most 50 cameras can be described; use the notes for more"),
  recordsStreetTraffic: z.boolean({ error: "Say whether any camera records the street traffic" }),
  streetView: optionalText("What the street camera shows", 300),
  playback: z.enum(PLAYBACK_FORMATS, { error: "Choose whether the video can be played in a standard player" }),
  retentionDays: optional(integer("Days of video kept", 0, 3650)),
  cameraCount: integer("Number of cameras", 1, 500),
  notes: optionalText("Notes for detectives", 2000),
  pin: optional(pinSchema),
});

export const registrationSchema = registrationDetailsSchema
  .extend({
    eligibility: z.object(
      {
        exteriorFacing: z.literal(true, { error: "The system must include exterior-facing cameras" }),
        recordsAndRetains: z.literal(true, { error: "The system must record and keep video" }),
      },
      { error: "Confirm both eligibility requirements" },
    ),
    consent: z.literal(true, { error: "You must agree to the terms to register" }),
  })
  .superRefine((v, ctx) => {
    if (v.cameraCount < v.cameras.length) {
      ctx.addIssue({
        code: "custom",
        path: ["cameraCount"],
        message: `Number of cameras cannot be less than the ${v.cameras.length} camera(s) described`,
      });
    }
  });

export type RegistrationInput = z.infer<typeof registrationSchema>;
export type RegistrationDetails = z.infer<typeof registrationDetailsSchema>;
export type CameraInput = z.infer<typeof cameraSchema>;

/** The changes an owner can report, exactly as the reference form lists them. */
export const STATUS_CHANGES = {
  no_longer_using: "No longer using security cameras",
  cameras_changed: "Change in exterior camera locations",
  moved_away: "No longer residing at the address",
} as const;
export type StatusChange = keyof typeof STATUS_CHANGES;
export const statusChangeSchema = z.object({
  change: z.enum(Object.keys(STATUS_CHANGES) as [StatusChange, ...StatusChange[]], { error: "Choose what changed" }),
});
