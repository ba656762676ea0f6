/**
 * The one registration schema, shared by the public form (client) and the
 * server (API, owner self-service, bulk import). Its shape is the public API
 * contract (README, "Registration"): extend it, never rename a field.
 *
 * Messages come from the messages files (namespace "validation"): the schemas
 * are built per language by `registrationSchemas(t)`, so the form shows them
 * and `POST /api/registrations` answers them in the resident's language. The
 * English schemas are exported ready-made for staff-side callers (import).
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

import { CAMERA_POSITIONS, PLAYBACK_FORMATS, RECORDING_MODES } from "@/db/schema/enum-values";
import english from "@/messages/en.json";
import { translatorFor, type Translate } from "@/lib/i18n/translate";
import { toStateCode, US_STATES } from "./us-states";

export { CAMERA_POSITIONS, PLAYBACK_FORMATS, RECORDING_MODES, US_STATES };
export type CameraPosition = (typeof CAMERA_POSITIONS)[number];
export type PlaybackFormat = (typeof PLAYBACK_FORMATS)[number];
export type RecordingMode = (typeof RECORDING_MODES)[number];

/** Anything that looks like an HTML/XML tag or a script URL. */
const MARKUP = /<\s*\/?\s*[a-z!?][^>]*>|javascript:/i;
// Control characters other than tab/newline never belong in a form answer.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());
}

/** The changes an owner can report: the reference form's three, and "Other" with a reason. */
export const STATUS_CHANGE_KINDS = ["no_longer_using", "cameras_changed", "moved_away", "other"] as const;
export type StatusChange = (typeof STATUS_CHANGE_KINDS)[number];
/** English wording for the status history and staff pages (residents see their own language). */
export const STATUS_CHANGES: Record<StatusChange, string> = {
  no_longer_using: "No longer using security cameras",
  cameras_changed: "Change in exterior camera locations",
  moved_away: "No longer residing at the address",
  other: "Other",
};
/** Changes that close the registration (the owner is asked to confirm first and may undo for 30 days). */
export const CLOSING_CHANGES: readonly StatusChange[] = ["no_longer_using", "moved_away"];

/** Every schema of the resident's side, with messages in one language. */
export function registrationSchemas(t: Translate) {
  const f = (field: string) => t(`fields.${field}`);

  function text(field: string, maxLength: number) {
    const label = f(field);
    return z
      .string({ error: t("mustBeText", { field: label }) })
      .trim()
      .max(maxLength, t("tooLong", { field: label, max: maxLength }))
      .refine((v) => !CONTROL_CHARS.test(v), t("badCharacters", { field: label }))
      .refine((v) => !MARKUP.test(v), t("markup", { field: label }));
  }
  const requiredText = (field: string, maxLength: number) => text(field, maxLength).pipe(z.string().min(1, t("required", { field: f(field) })));
  /** Empty strings from form fields mean "not given". */
  const optionalText = (field: string, maxLength: number) =>
    z.preprocess((v) => (v === "" || v === null ? undefined : v), text(field, maxLength).optional()).transform((v) => (v === "" ? undefined : v));

  /** US phone: 10 digits (an optional leading 1), any common punctuation; stored as 708-555-0134. */
  const phone = (field: string) =>
    z
      .string({ error: t("mustBeText", { field: f(field) }) })
      .trim()
      .max(32, t("tooLong", { field: f(field), max: 32 }))
      .refine((v) => {
        if (!/^[0-9()+.\-\s]+$/.test(v)) return false;
        const digits = v.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "");
        return digits.length === 10 && /^[2-9]\d{2}[2-9]/.test(digits);
      }, t("phone", { field: f(field) }))
      .transform((v) => {
        const d = v.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "");
        return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
      });

  const email = (field: string) =>
    z
      .string({ error: t("mustBeText", { field: f(field) }) })
      .trim()
      .max(254, t("tooLong", { field: f(field), max: 254 }))
      .pipe(z.email(t("email", { field: f(field) })))
      .transform((v) => v.toLowerCase());

  const integer = (field: string, min: number, max: number) =>
    z
      .number({ error: t("number", { field: f(field) }) })
      .int(t("wholeNumber", { field: f(field) }))
      .min(min, t("atLeast", { field: f(field), min }))
      .max(max, t("atMost", { field: f(field), max }));

  // Each object names what it needs when a client sends something else (or nothing) in its place.
  const camera = z.object(
    {
      position: z.enum(CAMERA_POSITIONS, { error: t("cameraPosition") }),
      bearingDeg: optional(z.number({ error: t("bearing") }).min(0, t("bearing")).lt(360, t("bearing"))),
      fovDeg: optional(z.number({ error: t("number", { field: f("fov") }) }).min(1, t("atLeast", { field: f("fov"), min: 1 })).max(360, t("atMost", { field: f("fov"), max: 360 }))),
      rangeM: optional(z.number({ error: t("number", { field: f("range") }) }).min(1, t("atLeast", { field: f("range"), min: 1 })).max(500, t("atMost", { field: f("range"), max: 500 }))),
      recordsStreet: z.boolean({ error: t("cameraRecordsStreet") }),
      note: optionalText("cameraNote", 500),
    },
    { error: t("cameraObject") },
  );

  const address = z.object(
    {
      line1: requiredText("line1", 120).refine((v) => /\d/.test(v), t("houseNumber")),
      unit: optionalText("unit", 20),
      city: requiredText("city", 60),
      state: z
        .string({ error: t("state") })
        .max(40, t("state"))
        .transform((v, ctx) => {
          const code = toStateCode(v);
          if (!code) {
            ctx.addIssue({ code: "custom", message: v.trim() === "" ? t("required", { field: f("state") }) : t("state") });
            return z.NEVER;
          }
          return code;
        }),
      zip: z.string({ error: t("zip") }).trim().regex(/^\d{5}(-\d{4})?$/, t("zip")),
    },
    { error: t("addressObject") },
  );

  const owner = z.object(
    {
      name: requiredText("name", 100),
      businessName: optionalText("businessName", 120),
      phone: phone("phone"),
      email: email("email"),
    },
    { error: t("ownerObject") },
  );

  const alternateContact = z.object(
    {
      name: requiredText("alternateName", 100),
      phone: phone("alternatePhone"),
      email: optional(email("alternateEmail")),
    },
    { error: t("alternateObject") },
  );

  const pin = z.object(
    {
      lat: z.number({ error: t("latitude") }).min(-90, t("latitude")).max(90, t("latitude")),
      lng: z.number({ error: t("longitude") }).min(-180, t("longitude")).max(180, t("longitude")),
    },
    { error: t("pinObject") },
  );

  /**
   * The registration without the consent: what an owner may later edit.
   * The form asks where each camera is and whether it records the street once, per camera;
   * `cameraLocations` and `recordsStreetTraffic` are derived from the cameras when a client
   * leaves them out (older clients still send them, and what they send is kept).
   */
  const detailsObject = z.object({
    owner,
    address,
    alternateContact: optional(alternateContact),
    cameraLocations: optional(
      z.array(z.enum(CAMERA_POSITIONS, { error: t("cameraLocation") }), { error: t("cameraLocations") }).max(CAMERA_POSITIONS.length, t("cameraLocations")),
    ),
    cameras: z.array(camera, { error: t("camerasList") }).min(1, t("camerasMin")).max(50, t("camerasMax")),
    recordsStreetTraffic: optional(z.boolean({ error: t("recordsStreetTraffic") })),
    streetView: optionalText("streetView", 300),
    playback: z.enum(PLAYBACK_FORMATS, { error: t("playback") }),
    /** Not given by an API client: "unknown" (the public form asks it). */
    recordingMode: optional(z.enum(RECORDING_MODES, { error: t("recordingMode") })),
    retentionDays: optional(integer("retentionDays", 0, 3650)),
    cameraCount: integer("cameraCount", 1, 500),
    notes: optionalText("notes", 2000),
    pin: optional(pin),
    /** The resident's language (e.g. "es"); the server keeps it only if it has that language. */
    language: optional(z.string({ error: t("language") }).regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, t("language"))),
  });

  function derive<T extends z.infer<typeof detailsObject>>(v: T) {
    return {
      ...v,
      cameraLocations: [...new Set([...(v.cameraLocations ?? []), ...v.cameras.map((c) => c.position)])],
      recordsStreetTraffic: (v.recordsStreetTraffic ?? false) || v.cameras.some((c) => c.recordsStreet),
      recordingMode: v.recordingMode ?? ("unknown" as const),
    };
  }

  const details = detailsObject.transform(derive);

  const registration = detailsObject
    .extend({
      eligibility: z.object(
        {
          exteriorFacing: z.literal(true, { error: t("exteriorFacing") }),
          recordsAndRetains: z.literal(true, { error: t("recordsAndRetains") }),
        },
        { error: t("eligibility") },
      ),
      consent: z.literal(true, { error: t("consent") }),
    })
    .superRefine((v, ctx) => {
      if (v.cameraCount < v.cameras.length) {
        ctx.addIssue({ code: "custom", path: ["cameraCount"], message: t("cameraCountTooSmall", { count: v.cameras.length }) });
      }
    })
    .transform(derive);

  const statusChange = z
    .object({
      change: z.enum(STATUS_CHANGE_KINDS, { error: t("change") }),
      reason: optionalText("reason", 500),
    })
    .superRefine((v, ctx) => {
      if (v.change === "other" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: t("otherReason") });
    });

  const lostLink = z.object({
    email: email("email"),
    line1: requiredText("line1", 120),
    zip: z.string({ error: t("zip") }).trim().regex(/^\d{5}(-\d{4})?$/, t("zip")),
  });

  /**
   * The public form's address check while the resident types: only the street line is required (the
   * ZIP and city narrow the answer when given); no contact data.
   */
  const addressCheck = z.object({
    line1: requiredText("line1", 120).refine((v) => /\d/.test(v), t("houseNumber")),
    unit: optionalText("unit", 20),
    city: optionalText("city", 60),
    state: optionalText("state", 40).transform((v) => (v ? (toStateCode(v) ?? v) : undefined)),
    zip: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string({ error: t("zip") }).trim().regex(/^\d{5}(-\d{4})?$/, t("zip")).optional()),
  });

  return { camera, address, owner, alternateContact, pin, details, registration, statusChange, lostLink, addressCheck };
}

export type RegistrationSchemas = ReturnType<typeof registrationSchemas>;

const englishSchemas = registrationSchemas(translatorFor("en", english, "validation"));
/** English messages: for staff-side callers (bulk import) and code that has no resident's language. */
export const cameraSchema = englishSchemas.camera;
export const addressSchema = englishSchemas.address;
export const pinSchema = englishSchemas.pin;
export const registrationDetailsSchema = englishSchemas.details;
export const registrationSchema = englishSchemas.registration;
export const statusChangeSchema = englishSchemas.statusChange;

export type RegistrationInput = z.infer<typeof registrationSchema>;
export type RegistrationDetails = z.infer<typeof registrationDetailsSchema>;
export type CameraInput = z.infer<typeof cameraSchema>;

