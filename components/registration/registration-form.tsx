"use client";
/**
 * The public registration form (mode "register") and the owner's edit form
 * (mode "edit"). Validated with the same zod schema the server uses, so the
 * resident sees every problem at once, at the top and beside each field; the
 * server re-validates everything anyway.
 */
import { useEffect, useRef, useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { fieldErrors } from "@/lib/http/field-errors";
import { CAMERA_POSITIONS, CAMERA_POSITION_LABELS, registrationDetailsSchema, registrationSchema, type CameraPosition } from "@/lib/registration/schema";
import { BearingPicker } from "./bearing-picker";
import { CheckboxField, ErrorSummary, ErrorText, RadioGroup, TextField, type Errors } from "./form-fields";
import { emptyForm, fieldId, newCamera, toPayload, type RegistrationFormState } from "./form-model";

export interface MapConfig {
  centerLat: number;
  centerLng: number;
  tileUrl: string;
  tileAttribution: string;
}

export interface SubmitResult {
  id: string;
  status: string;
  manageUrl: string;
  location: { lat: number; lng: number } | null;
  geocode: { method: string | null; matchedAddress: string | null; confidence: number | null };
  emailed: boolean;
}

/** Server paths like "cameraLocations.2" point at the group's control. */
function toFormPaths(errors: Errors): Errors {
  const out: Errors = {};
  for (const [path, message] of Object.entries(errors)) {
    const key = path.replace(/^cameraLocations\.\d+$/, "cameraLocations").replace(/^alternateContact$/, "alternateContact.name");
    out[key] ??= message;
  }
  return out;
}

const YES_NO = [
  { value: "yes" as const, label: "Yes" },
  { value: "no" as const, label: "No" },
];

export function RegistrationForm(p: {
  mode: "register" | "edit";
  map: MapConfig;
  termsText?: string;
  agencyName: string;
  initial?: RegistrationFormState;
  siteLocation?: { lat: number; lng: number } | null;
  /** edit mode: where to PUT */
  token?: string;
  onRegistered?: (result: SubmitResult) => void;
  onSaved?: () => void;
}) {
  const [form, setForm] = useState<RegistrationFormState>(p.initial ?? emptyForm());
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState("");
  // The fill time starts when the form becomes usable in the browser.
  const startedAtMs = useRef(0);
  useEffect(() => {
    startedAtMs.current = Date.now();
  }, []);
  const honeypot = useRef<HTMLInputElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const site = p.siteLocation ?? { lat: p.map.centerLat, lng: p.map.centerLng };

  const set = <K extends keyof RegistrationFormState>(key: K, value: RegistrationFormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setIn = <K extends "owner" | "address" | "alternateContact" | "eligibility">(key: K, field: keyof RegistrationFormState[K], value: unknown) =>
    setForm((f) => ({ ...f, [key]: { ...f[key], [field]: value } }));
  const setCamera = (i: number, patch: Partial<RegistrationFormState["cameras"][number]>) =>
    setForm((f) => ({ ...f, cameras: f.cameras.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));

  function showErrors(next: Errors) {
    setErrors(next);
    // Focus the summary after it renders so screen readers announce it.
    requestAnimationFrame(() => summary.current?.focus());
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setNotice("");
    const payload = toPayload(form, p.mode === "register");
    const schema = p.mode === "register" ? registrationSchema : registrationDetailsSchema;
    const checked = schema.safeParse(payload);
    if (!checked.success) return showErrors(toFormPaths(fieldErrors(checked.error)));
    setErrors({});
    setBusy(true);
    try {
      const res =
        p.mode === "register"
          ? await fetchJson<SubmitResult>("/api/registrations", {
              method: "POST",
              body: { ...payload, formMeta: { website: honeypot.current?.value ?? "", startedAtMs: startedAtMs.current } },
            })
          : await fetchJson<SubmitResult>(`/api/manage/${p.token}`, { method: "PUT", body: payload });
      if (!res.ok) {
        if (res.status === 0) return showErrors({ form: "We could not reach the server. Check your connection and try again; nothing was lost from this page." });
        if (res.code === "validation" && Object.keys(res.errors).length) return showErrors(toFormPaths(res.errors));
        if (res.status === 429) return showErrors({ form: "Too many registrations were sent from your network in the last hour. Please try again later." });
        return showErrors({ form: res.error ? `Your registration was not accepted: ${res.error}.` : "Something went wrong. Please try again." });
      }
      if (p.mode === "register") p.onRegistered?.(res.data);
      else {
        setNotice("Your changes are saved.");
        p.onSaved?.();
      }
    } finally {
      setBusy(false);
    }
  }

  const toggleLocation = (position: CameraPosition, on: boolean) =>
    set("cameraLocations", on ? [...form.cameraLocations, position] : form.cameraLocations.filter((l) => l !== position));

  return (
    <form noValidate onSubmit={submit} className="space-y-8" aria-label={p.mode === "register" ? "Camera registration" : "Edit your registration"}>
      <ErrorSummary ref={summary} errors={errors} />
      {errors.form && <p id={fieldId("form")} className="sr-only">{errors.form}</p>}

      {p.mode === "register" && (
        <fieldset>
          <legend className="text-xl font-semibold">Who can register</legend>
          <p className="text-sm text-slate-700">Your camera system must meet both requirements.</p>
          <CheckboxField path="eligibility.exteriorFacing" label="My system includes exterior-facing security cameras" checked={form.eligibility.exteriorFacing} onChange={(v) => setIn("eligibility", "exteriorFacing", v)} errors={errors} />
          <CheckboxField path="eligibility.recordsAndRetains" label="My system records and keeps (retains) video" checked={form.eligibility.recordsAndRetains} onChange={(v) => setIn("eligibility", "recordsAndRetains", v)} errors={errors} />
        </fieldset>
      )}

      <fieldset>
        <legend className="text-xl font-semibold">Your contact information</legend>
        <TextField path="owner.name" label="Full name" required autoComplete="name" value={form.owner.name} onChange={(v) => setIn("owner", "name", v)} errors={errors} maxLength={100} />
        <TextField path="owner.businessName" label="Business name" autoComplete="organization" value={form.owner.businessName} onChange={(v) => setIn("owner", "businessName", v)} errors={errors} maxLength={120} />
        <TextField path="owner.phone" label="Phone" required type="tel" inputMode="tel" autoComplete="tel" hint="e.g. 708-555-0134" value={form.owner.phone} onChange={(v) => setIn("owner", "phone", v)} errors={errors} maxLength={32} />
        <TextField path="owner.email" label="E-mail" required type="email" inputMode="email" autoComplete="email" hint="We send your private link here if e-mail is set up." value={form.owner.email} onChange={(v) => setIn("owner", "email", v)} errors={errors} maxLength={254} />
      </fieldset>

      <fieldset>
        <legend className="text-xl font-semibold">Address of the cameras</legend>
        <TextField path="address.line1" label="Street address" required autoComplete="address-line1" hint="House number and street, e.g. 10300 W Roosevelt Rd" value={form.address.line1} onChange={(v) => setIn("address", "line1", v)} errors={errors} maxLength={120} />
        <TextField path="address.unit" label="Unit / suite" autoComplete="address-line2" value={form.address.unit} onChange={(v) => setIn("address", "unit", v)} errors={errors} maxLength={20} />
        <TextField path="address.city" label="City" required autoComplete="address-level2" value={form.address.city} onChange={(v) => setIn("address", "city", v)} errors={errors} maxLength={60} />
        <div className="grid grid-cols-2 gap-4">
          <TextField path="address.state" label="State" required autoComplete="address-level1" hint="2 letters" value={form.address.state} onChange={(v) => setIn("address", "state", v)} errors={errors} maxLength={2} />
          <TextField path="address.zip" label="ZIP code" required inputMode="numeric" autoComplete="postal-code" value={form.address.zip} onChange={(v) => setIn("address", "zip", v)} errors={errors} maxLength={10} />
        </div>
      </fieldset>

      <fieldset>
        <legend className="text-xl font-semibold">Alternate person&apos;s contact information</legend>
        <p className="text-sm text-slate-700">Someone we can reach if we cannot reach you. Optional; if you give a name, give a phone too.</p>
        <TextField path="alternateContact.name" label="Name" value={form.alternateContact.name} onChange={(v) => setIn("alternateContact", "name", v)} errors={errors} maxLength={100} />
        <TextField path="alternateContact.phone" label="Phone" type="tel" inputMode="tel" value={form.alternateContact.phone} onChange={(v) => setIn("alternateContact", "phone", v)} errors={errors} maxLength={32} />
        <TextField path="alternateContact.email" label="E-mail" type="email" inputMode="email" value={form.alternateContact.email} onChange={(v) => setIn("alternateContact", "email", v)} errors={errors} maxLength={254} />
      </fieldset>

      <fieldset id={fieldId("cameraLocations")} tabIndex={-1}>
        <legend className="text-xl font-semibold">Security camera information</legend>
        <p className="mt-2 font-medium">Camera locations. Select all that apply.</p>
        <div className="mt-1 grid grid-cols-2 gap-2">
          {CAMERA_POSITIONS.map((pos) => (
            <label key={pos} className="flex items-center gap-2 py-1">
              <input type="checkbox" className="h-5 w-5" checked={form.cameraLocations.includes(pos)} onChange={(e) => toggleLocation(pos, e.target.checked)} />
              {CAMERA_POSITION_LABELS[pos]}
            </label>
          ))}
        </div>
        <ErrorText path="cameraLocations" errors={errors} />
      </fieldset>

      <div id={fieldId("cameras")} tabIndex={-1}>
        <h2 className="text-xl font-semibold">Each camera</h2>
        <p className="text-sm text-slate-700">Tell us about each camera you can. If you have many, describe the most useful ones and use the notes below for the rest.</p>
        <ErrorText path="cameras" errors={errors} />
        {form.cameras.map((camera, i) => {
          const label = `camera ${i + 1}`;
          return (
            <fieldset key={camera.key} className="mt-4 rounded-md border border-slate-300 bg-white p-4">
              <legend className="px-1 text-lg font-semibold">Camera {i + 1}</legend>
              <div className="mt-2">
                <label htmlFor={fieldId(`cameras.${i}.position`)} className="block font-medium">
                  Where is it? <span aria-hidden="true">*</span>
                </label>
                <select
                  id={fieldId(`cameras.${i}.position`)}
                  value={camera.position}
                  aria-invalid={Boolean(errors[`cameras.${i}.position`]) || undefined}
                  aria-describedby={errors[`cameras.${i}.position`] ? `${fieldId(`cameras.${i}.position`)}-error` : undefined}
                  onChange={(e) => setCamera(i, { position: e.target.value as CameraPosition })}
                  className="mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base"
                >
                  <option value="">Choose…</option>
                  {CAMERA_POSITIONS.map((pos) => (
                    <option key={pos} value={pos}>
                      {CAMERA_POSITION_LABELS[pos]}
                    </option>
                  ))}
                </select>
                <ErrorText path={`cameras.${i}.position`} errors={errors} />
              </div>
              <BearingPicker path={`cameras.${i}.bearingDeg`} cameraLabel={label} value={camera.bearingDeg} onChange={(deg) => setCamera(i, { bearingDeg: deg })} errors={errors} site={site} map={p.map} />
              <RadioGroup path={`cameras.${i}.recordsStreet`} legend={`Does ${label} record the street?`} options={YES_NO} value={camera.recordsStreet} onChange={(v) => setCamera(i, { recordsStreet: v })} errors={errors} />
              <TextField path={`cameras.${i}.note`} label="Note" hint="e.g. doorbell camera, covers the driveway" value={camera.note} onChange={(v) => setCamera(i, { note: v })} errors={errors} maxLength={500} />
              {form.cameras.length > 1 && (
                <button type="button" onClick={() => set("cameras", form.cameras.filter((_, j) => j !== i))} className="mt-3 min-h-11 rounded-md border-2 border-red-800 px-3 text-red-800">
                  Remove camera {i + 1}
                </button>
              )}
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() => setForm((f) => ({ ...f, cameras: [...f.cameras, newCamera()], cameraCount: String(Math.max(Number(f.cameraCount) || 0, f.cameras.length + 1)) }))}
          className="mt-4 min-h-11 rounded-md border-2 border-brand-700 px-4 font-semibold text-brand-700"
        >
          Add another camera
        </button>
      </div>

      <fieldset>
        <legend className="text-xl font-semibold">Street traffic and video</legend>
        <RadioGroup path="recordsStreetTraffic" legend="Do any cameras record the street traffic?" options={YES_NO} value={form.recordsStreetTraffic} onChange={(v) => set("recordsStreetTraffic", v)} errors={errors} />
        <TextField path="streetView" label="What does it show?" hint="Example: The roadway at 10300 Roosevelt, or Corner of Cermak & Hull." value={form.streetView} onChange={(v) => set("streetView", v)} errors={errors} maxLength={300} />
        <RadioGroup
          path="playback"
          legend="Can the video be played in a standard player (Windows Media Player compliant)?"
          hint="Standard: the recorder exports a file (MP4, AVI…) that any player opens. Proprietary: it needs the recorder's own player."
          options={[
            { value: "standard", label: "Yes, standard file" },
            { value: "proprietary", label: "No, needs its own player" },
            { value: "unknown", label: "I don't know" },
          ]}
          value={form.playback}
          onChange={(v) => set("playback", v)}
          errors={errors}
        />
        <div className="grid grid-cols-2 gap-4">
          <TextField path="retentionDays" label="Days of video kept" inputMode="numeric" hint="How long before it is overwritten" value={form.retentionDays} onChange={(v) => set("retentionDays", v)} errors={errors} maxLength={4} />
          <TextField path="cameraCount" label="Number of cameras" required inputMode="numeric" value={form.cameraCount} onChange={(v) => set("cameraCount", v)} errors={errors} maxLength={3} />
        </div>
        <TextField
          path="notes"
          label="Anything else for our detectives?"
          hint="Is there any additional information about your cameras or what they depict? If you have more than two cameras, you can describe what they depict here."
          multiline
          value={form.notes}
          onChange={(v) => set("notes", v)}
          errors={errors}
          maxLength={2000}
        />
      </fieldset>

      {p.mode === "register" && (
        <fieldset>
          <legend className="text-xl font-semibold">Terms</legend>
          <div className="mt-2 space-y-3 rounded-md border border-slate-300 bg-white p-4 text-sm" id="terms-text">
            {(p.termsText ?? "").split(/\n\s*\n/).map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          </div>
          <CheckboxField path="consent" label={<>I have read and agree to these terms of the {p.agencyName}</>} checked={form.consent} onChange={(v) => set("consent", v)} errors={errors} />
        </fieldset>
      )}

      {/* Honeypot: hidden from people and assistive technology; bots fill every field. */}
      {p.mode === "register" && (
        <div aria-hidden="true" style={{ position: "absolute", left: "-10000px", width: 1, height: 1, overflow: "hidden" }}>
          <label htmlFor="website">Website</label>
          <input ref={honeypot} id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
      )}

      <div>
        <button type="submit" disabled={busy} className="min-h-12 w-full rounded-md bg-brand-700 px-6 py-3 text-lg font-semibold text-white hover:bg-brand-900 sm:w-auto">
          {busy ? "Sending…" : p.mode === "register" ? "Register my cameras" : "Save changes"}
        </button>
        <p role="status" className="mt-2 font-medium text-green-800">
          {notice}
        </p>
      </div>
    </form>
  );
}
