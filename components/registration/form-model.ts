/**
 * The form's own state (strings and booleans as inputs hold them) and its
 * conversion to the API shape, which the shared zod schema then checks.
 */
import type { CameraPosition, PlaybackFormat, RecordingMode } from "@/lib/registration/schema";

export interface CameraFormState {
  key: string;
  position: CameraPosition | "";
  bearingDeg: number | null;
  recordsStreet: "yes" | "no" | "";
  note: string;
}

export interface RegistrationFormState {
  eligibility: { exteriorFacing: boolean; recordsAndRetains: boolean };
  owner: { name: string; businessName: string; phone: string; email: string };
  address: { line1: string; unit: string; city: string; state: string; zip: string };
  alternateContact: { name: string; phone: string; email: string };
  cameras: CameraFormState[];
  streetView: string;
  playback: PlaybackFormat | "";
  recordingMode: RecordingMode | "";
  retentionDays: string;
  cameraCount: string;
  notes: string;
  consent: boolean;
}

let keySeq = 0;
export const newCamera = (position: CameraPosition | "" = ""): CameraFormState => ({
  key: `cam-${Date.now()}-${keySeq++}`,
  position,
  bearingDeg: null,
  recordsStreet: "",
  note: "",
});

export function emptyForm(defaults: { city?: string; state?: string } = {}): RegistrationFormState {
  return {
    eligibility: { exteriorFacing: false, recordsAndRetains: false },
    owner: { name: "", businessName: "", phone: "", email: "" },
    address: { line1: "", unit: "", city: defaults.city ?? "", state: defaults.state ?? "", zip: "" },
    alternateContact: { name: "", phone: "", email: "" },
    cameras: [newCamera()],
    streetView: "",
    playback: "",
    recordingMode: "",
    retentionDays: "",
    cameraCount: "1",
    notes: "",
    consent: false,
  };
}

const yesNo = (v: "yes" | "no" | "") => (v === "yes" ? true : v === "no" ? false : undefined);
const numberOrRaw = (v: string) => (v.trim() === "" ? undefined : Number.isFinite(Number(v)) ? Number(v) : v);

/**
 * Form state → the API shape (PRODUCT.md). Unanswered questions become undefined so the schema names them.
 * Camera locations and "records the street traffic" are asked per camera and derived here.
 */
export function toPayload(state: RegistrationFormState, withConsent: boolean): Record<string, unknown> {
  const alt = state.alternateContact;
  const hasAlternate = Boolean(alt.name.trim() || alt.phone.trim() || alt.email.trim());
  return {
    ...(withConsent ? { eligibility: state.eligibility, consent: state.consent } : {}),
    owner: state.owner,
    address: state.address,
    alternateContact: hasAlternate ? alt : undefined,
    cameraLocations: [...new Set(state.cameras.map((c) => c.position).filter(Boolean))],
    cameras: state.cameras.map((c) => ({
      position: c.position || undefined,
      bearingDeg: c.bearingDeg ?? undefined,
      recordsStreet: yesNo(c.recordsStreet),
      note: c.note,
    })),
    recordsStreetTraffic: state.cameras.some((c) => c.recordsStreet === "yes") ? true : state.cameras.every((c) => c.recordsStreet === "no") ? false : undefined,
    streetView: state.cameras.some((c) => c.recordsStreet === "yes") ? state.streetView : "",
    playback: state.playback || undefined,
    recordingMode: state.recordingMode || undefined,
    retentionDays: numberOrRaw(state.retentionDays),
    cameraCount: numberOrRaw(state.cameraCount),
    notes: state.notes,
  };
}

/** Field path ("owner.email") → the id of the control that answers it. */
export const fieldId = (path: string) => `f-${path.replace(/\./g, "-")}`;

/**
 * A failed send's errors once the resident changes fields: the changed fields'
 * errors go (the next send checks them again), the others stay, so no error
 * stands beside an answer the resident has since corrected. A camera's place or
 * its "records the street" answer also answers the group's error (the form's
 * "camera locations" and "record the street traffic?" are derived from them).
 */
export function withoutErrorsOf(errors: Record<string, string>, paths: string[]): Record<string, string> {
  const cleared = new Set(paths);
  if (paths.some((path) => /^cameras\.\d+\.(position|recordsStreet)$/.test(path))) cleared.add("cameras");
  if (![...cleared].some((path) => path in errors)) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([path]) => !cleared.has(path)));
}

/** The errors once camera `index` is removed: its own go, the later cameras' move up with them. */
export function withoutCameraErrors(errors: Record<string, string>, index: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const match = /^cameras\.(\d+)\.(.+)$/.exec(path);
    if (!match) {
      out[path] = message;
      continue;
    }
    const i = Number(match[1]);
    if (i === index) continue;
    out[i > index ? `cameras.${i - 1}.${match[2]}` : path] = message;
  }
  return withoutErrorsOf(out, ["cameras"]);
}

/**
 * The errors in the order their fields come on the page (`rank`: a field's place, -1 when it has none,
 * such as the form-wide message, which goes first), so the summary reads top to bottom like the form
 * and not in the order the schema happened to check them.
 */
export function inPageOrder(errors: Record<string, string>, rank: (path: string) => number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors)
      .map(([path, message], i) => ({ path, message, i, at: rank(path) }))
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map(({ path, message }) => [path, message]),
  );
}
