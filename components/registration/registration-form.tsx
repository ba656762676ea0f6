"use client";
/**
 * The public registration form (mode "register") and the owner's edit form
 * (mode "edit"). Validated with the same zod schemas the server uses, in the
 * resident's language, so the resident sees every problem at once, at the top
 * and beside each field; the server re-validates everything anyway.
 *
 * Where each camera is and whether it records the street are asked once, per
 * camera: the seed form's "Camera locations" list and "Do any cameras record
 * the street traffic?" are derived from those answers and shown.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { fetchJson } from "@/lib/http/fetch-json";
import { fieldErrors } from "@/lib/http/field-errors";
import { CAMERA_POSITIONS, RECORDING_MODES, registrationSchemas, type CameraPosition, type RecordingMode } from "@/lib/registration/schema";
import type { Translate } from "@/lib/i18n/translate";
import { AddressCheck, addressFieldMessage, type CheckState, type SitePlace } from "./address-check";
import { BearingPicker } from "./bearing-picker";
import { CheckboxField, ErrorSummary, ErrorText, RadioGroup, TextField, type Errors } from "./form-fields";
import { emptyForm, fieldId, inPageOrder, newCamera, toPayload, withoutCameraErrors, withoutErrorsOf, type RegistrationFormState } from "./form-model";

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
  geocode: { status?: "found" | "ambiguous" | "not_found"; method: string | null; matchedAddress: string | null; confidence: number | null };
  emailed: boolean;
}

/** Server paths like "cameraLocations.2" point at the group's control. */
function toFormPaths(errors: Errors): Errors {
  const out: Errors = {};
  for (const [path, message] of Object.entries(errors)) {
    const key = path
      .replace(/^cameraLocations(\.\d+)?$/, "cameras")
      .replace(/^recordsStreetTraffic$/, "cameras")
      .replace(/^alternateContact$/, "alternateContact.name");
    out[key] ??= message;
  }
  return out;
}

export function RegistrationForm(p: {
  mode: "register" | "edit";
  map: MapConfig;
  termsText?: string;
  termsTranslated?: boolean;
  agencyName: string;
  /** The registry can e-mail (SMTP is set up): the e-mail field says the private link goes there. */
  mailConfigured?: boolean;
  initial?: RegistrationFormState;
  siteLocation?: { lat: number; lng: number } | null;
  /** edit mode: where to PUT */
  token?: string;
  onRegistered?: (result: SubmitResult, form: RegistrationFormState) => void;
  onSaved?: (answer: unknown) => void;
  /** Staff pages: where the answers go instead of the public routes (staff routes have no fill-time check). */
  endpoint?: { url: string; method: "POST" | "PUT" };
  /** Staff entering for a caller: the caller's language (their e-mails), not the language of the page. */
  language?: string;
}) {
  const t = useTranslations("form");
  const tc = useTranslations("common");
  const tv = useTranslations("validation");
  const locale = useLocale();
  const schemas = useMemo(() => registrationSchemas(tv as unknown as Translate), [tv]);
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
  const formElement = useRef<HTMLFormElement>(null);
  const ta = useTranslations("form.addressCheck");
  // Register: where the address check placed the house (null until it did). Edit: where the site is.
  const [place, setPlace] = useState<SitePlace | null>(null);
  const [check, setCheck] = useState<CheckState>({ status: "idle" });
  // The resident asked staff to find an address the check could not place (no map needed to register).
  const [leftToStaff, setLeftToStaff] = useState(false);
  const site = p.mode === "register" ? place : (p.siteLocation ?? { lat: p.map.centerLat, lng: p.map.centerLng });
  const addressMessage = p.mode === "register" ? addressFieldMessage(check, place, ta, leftToStaff) : null;
  const line1Errors = addressMessage && !errors["address.line1"] ? { ...errors, "address.line1": addressMessage } : errors;
  const YES_NO = [
    { value: "yes" as const, label: tc("yes") },
    { value: "no" as const, label: tc("no") },
  ];

  // Changing a field takes its error from the last send away (beside it and in the summary); the next send checks it again.
  const clearErrorsOf = (paths: string[]) => setErrors((e) => withoutErrorsOf(e, paths));
  const set = <K extends keyof RegistrationFormState>(key: K, value: RegistrationFormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    clearErrorsOf([key]);
  };
  const setIn = <K extends "owner" | "address" | "alternateContact" | "eligibility">(key: K, field: keyof RegistrationFormState[K], value: unknown) => {
    setForm((f) => ({ ...f, [key]: { ...f[key], [field]: value } }));
    clearErrorsOf([`${key}.${String(field)}`]);
  };
  const setCamera = (i: number, patch: Partial<RegistrationFormState["cameras"][number]>) => {
    setForm((f) => ({ ...f, cameras: f.cameras.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
    clearErrorsOf(Object.keys(patch).map((k) => `cameras.${i}.${k}`));
  };
  const removeCamera = (i: number) => {
    setForm((f) => ({ ...f, cameras: f.cameras.filter((_, j) => j !== i) }));
    setErrors((e) => withoutCameraErrors(e, i));
  };

  /** The "cannot place this address" error of an earlier send is answered by a place, or by leaving it to staff. */
  const clearAddressNotPlaced = () =>
    setErrors((e) => (["notFound", "notFoundChoices", "chooseOne"].some((k) => e["address.line1"] === ta(k as "notFound")) ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== "address.line1")) : e));

  function showErrors(next: Errors) {
    const ids = Array.from(formElement.current?.querySelectorAll("[id]") ?? [], (el) => el.id);
    setErrors(inPageOrder(next, (path) => ids.indexOf(fieldId(path))));
    // Focus the summary after it renders so screen readers announce it.
    requestAnimationFrame(() => summary.current?.focus());
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setNotice("");
    const pin = p.mode === "register" && place && place.source !== "found" ? { lat: place.lat, lng: place.lng } : undefined;
    const payload = { ...toPayload(form, p.mode === "register"), language: p.language ?? locale, ...(pin ? { pin } : {}) };
    const schema = p.mode === "register" ? schemas.registration : schemas.details;
    const checked = schema.safeParse(payload);
    // The API defaults an unanswered recording mode to "unknown"; the form asks for an answer.
    const formOnly: Errors = form.recordingMode ? {} : { recordingMode: tv("recordingMode") };
    // An address the check could not place goes only with a place: a choice or the resident's pin (staff then check it).
    if (addressMessage) formOnly["address.line1"] = addressMessage;
    if (!checked.success || Object.keys(formOnly).length > 0) return showErrors(toFormPaths({ ...(checked.success ? {} : fieldErrors(checked.error)), ...formOnly }));
    setErrors({});
    setBusy(true);
    try {
      // The browser's cookie and Accept-Language tell the server the language, as they told the page.
      const res = p.endpoint
        ? await fetchJson<SubmitResult>(p.endpoint.url, { method: p.endpoint.method, body: payload })
        : p.mode === "register"
          ? await fetchJson<SubmitResult>("/api/registrations", {
              method: "POST",
              body: { ...payload, formMeta: { website: honeypot.current?.value ?? "", startedAtMs: startedAtMs.current } },
            })
          : await fetchJson<SubmitResult>(`/api/manage/${p.token}`, { method: "PUT", body: payload });
      if (!res.ok) {
        if (res.status === 0) return showErrors({ form: t("offline") });
        if (res.code === "validation" && Object.keys(res.errors).length) return showErrors(toFormPaths(res.errors));
        if (res.status === 429) return showErrors({ form: t("tooMany") });
        return showErrors({ form: res.error ? t("notAccepted", { reason: res.error }) : t("somethingWrong") });
      }
      if (p.mode === "register") p.onRegistered?.(res.data, form);
      else {
        setNotice(t("saved"));
        p.onSaved?.(res.data);
      }
    } finally {
      setBusy(false);
    }
  }

  const derivedLocations = [...new Set(form.cameras.map((c) => c.position).filter((x): x is CameraPosition => Boolean(x)))];
  const anyRecordsStreet = form.cameras.some((c) => c.recordsStreet === "yes");
  const allStreetAnswered = form.cameras.every((c) => c.recordsStreet !== "");

  return (
    <form ref={formElement} noValidate onSubmit={submit} className="space-y-8" aria-label={p.mode === "register" ? t("labelRegister") : t("labelEdit")}>
      <ErrorSummary ref={summary} errors={errors} />
      {errors.form && (
        <p id={fieldId("form")} className="sr-only">
          {errors.form}
        </p>
      )}

      {p.mode === "register" && (
        <fieldset>
          <legend className="text-xl font-semibold">{t("eligibilityLegend")}</legend>
          <p className="text-sm text-slate-700">{t("eligibilityHint")}</p>
          <CheckboxField path="eligibility.exteriorFacing" label={t("exteriorFacing")} checked={form.eligibility.exteriorFacing} onChange={(v) => setIn("eligibility", "exteriorFacing", v)} errors={errors} />
          <CheckboxField path="eligibility.recordsAndRetains" label={t("recordsAndRetains")} checked={form.eligibility.recordsAndRetains} onChange={(v) => setIn("eligibility", "recordsAndRetains", v)} errors={errors} />
        </fieldset>
      )}

      <fieldset>
        <legend className="text-xl font-semibold">{t("contactLegend")}</legend>
        <TextField path="owner.name" label={t("ownerName")} required autoComplete="name" value={form.owner.name} onChange={(v) => setIn("owner", "name", v)} errors={errors} maxLength={100} />
        <TextField path="owner.businessName" label={t("businessName")} autoComplete="organization" value={form.owner.businessName} onChange={(v) => setIn("owner", "businessName", v)} errors={errors} maxLength={120} />
        <TextField path="owner.phone" label={t("phone")} required type="tel" inputMode="tel" autoComplete="tel" hint={t("phoneHint")} value={form.owner.phone} onChange={(v) => setIn("owner", "phone", v)} errors={errors} maxLength={32} />
        <TextField path="owner.email" label={t("email")} required type="email" inputMode="email" autoComplete="email" hint={p.mailConfigured ? t("emailHint") : t("emailHintNoMail")} value={form.owner.email} onChange={(v) => setIn("owner", "email", v)} errors={errors} maxLength={254} />
      </fieldset>

      <fieldset>
        <legend className="text-xl font-semibold">{t("addressLegend")}</legend>
        <TextField path="address.line1" label={t("line1")} required autoComplete="address-line1" hint={t("line1Hint")} value={form.address.line1} onChange={(v) => setIn("address", "line1", v)} errors={line1Errors} maxLength={120} />
        <TextField path="address.unit" label={t("unit")} autoComplete="address-line2" value={form.address.unit} onChange={(v) => setIn("address", "unit", v)} errors={errors} maxLength={20} />
        <TextField path="address.city" label={t("city")} required autoComplete="address-level2" value={form.address.city} onChange={(v) => setIn("address", "city", v)} errors={errors} maxLength={60} />
        <div className="grid grid-cols-2 gap-4">
          <TextField path="address.state" label={t("state")} required autoComplete="address-level1" hint={t("stateHint")} value={form.address.state} onChange={(v) => setIn("address", "state", v)} errors={errors} maxLength={40} />
          <TextField path="address.zip" label={t("zip")} required inputMode="numeric" autoComplete="postal-code" value={form.address.zip} onChange={(v) => setIn("address", "zip", v)} errors={errors} maxLength={10} />
        </div>
        {p.mode === "register" && (
          <AddressCheck
            address={form.address}
            place={place}
            onPlace={(next) => {
              setPlace(next);
              if (next) clearAddressNotPlaced();
            }}
            onCorrect={(patch) => {
              setForm((f) => ({ ...f, address: { ...f.address, ...patch } }));
              clearErrorsOf(Object.keys(patch).map((k) => `address.${k}`));
            }}
            check={check}
            onCheck={(next) => {
              setCheck(next);
              // A new address is a new question: staff finding the old one by hand no longer applies.
              if (next.status === "checking") setLeftToStaff(false);
            }}
            leftToStaff={leftToStaff}
            onLeaveToStaff={(left) => {
              setLeftToStaff(left);
              if (left) clearAddressNotPlaced();
            }}
            map={p.map}
          />
        )}
      </fieldset>

      <fieldset>
        <legend className="text-xl font-semibold">{t("alternateLegend")}</legend>
        <p className="text-sm text-slate-700">{t("alternateHint")}</p>
        <TextField path="alternateContact.name" label={t("alternateName")} value={form.alternateContact.name} onChange={(v) => setIn("alternateContact", "name", v)} errors={errors} maxLength={100} />
        <TextField path="alternateContact.phone" label={t("alternatePhone")} type="tel" inputMode="tel" value={form.alternateContact.phone} onChange={(v) => setIn("alternateContact", "phone", v)} errors={errors} maxLength={32} />
        <TextField path="alternateContact.email" label={t("alternateEmail")} type="email" inputMode="email" value={form.alternateContact.email} onChange={(v) => setIn("alternateContact", "email", v)} errors={errors} maxLength={254} />
      </fieldset>

      <div id={fieldId("cameras")} tabIndex={-1}>
        <h2 className="text-xl font-semibold">{t("camerasLegend")}</h2>
        <p className="text-sm text-slate-700">{t("camerasHint")}</p>
        <ErrorText path="cameras" errors={errors} />
        {form.cameras.map((camera, i) => {
          const number = i + 1;
          return (
            <fieldset key={camera.key} className="mt-4 rounded-md border border-slate-300 bg-white p-4">
              <legend className="px-1 text-lg font-semibold">{t("cameraLegend", { number })}</legend>
              <div className="mt-2">
                <label htmlFor={fieldId(`cameras.${i}.position`)} className="block font-medium">
                  {t("cameraPosition")} <span aria-hidden="true">*</span>
                </label>
                <select
                  id={fieldId(`cameras.${i}.position`)}
                  value={camera.position}
                  aria-invalid={Boolean(errors[`cameras.${i}.position`]) || undefined}
                  aria-describedby={errors[`cameras.${i}.position`] ? `${fieldId(`cameras.${i}.position`)}-error` : undefined}
                  onChange={(e) => setCamera(i, { position: e.target.value as CameraPosition })}
                  className="mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base"
                >
                  <option value="">{t("choose")}</option>
                  {CAMERA_POSITIONS.map((pos) => (
                    <option key={pos} value={pos}>
                      {t(`positions.${pos}`)}
                    </option>
                  ))}
                </select>
                <ErrorText path={`cameras.${i}.position`} errors={errors} />
              </div>
              <BearingPicker path={`cameras.${i}.bearingDeg`} cameraNumber={number} value={camera.bearingDeg} onChange={(deg) => setCamera(i, { bearingDeg: deg })} errors={errors} site={site} map={p.map} />
              <RadioGroup path={`cameras.${i}.recordsStreet`} legend={t("cameraRecordsStreet", { number })} options={YES_NO} value={camera.recordsStreet} onChange={(v) => setCamera(i, { recordsStreet: v })} errors={errors} />
              <TextField path={`cameras.${i}.note`} label={t("cameraNote")} hint={t("cameraNoteHint")} value={camera.note} onChange={(v) => setCamera(i, { note: v })} errors={errors} maxLength={500} />
              {form.cameras.length > 1 && (
                <button type="button" onClick={() => removeCamera(i)} className="mt-3 min-h-11 rounded-md border-2 border-red-800 px-3 text-red-800">
                  {t("removeCamera", { number })}
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
          {t("addCamera")}
        </button>
        <p className="mt-3 text-sm" data-testid="derived-locations" aria-live="polite">
          {t("locationsSummary", { list: derivedLocations.length ? derivedLocations.map((l) => t(`positions.${l}`)).join(", ") : t("locationsNone") })}
        </p>
      </div>

      <fieldset>
        <legend className="text-xl font-semibold">{t("videoLegend")}</legend>
        {allStreetAnswered && (
          <p className="mt-3" data-testid="derived-street">
            {t("recordsStreetDerived", { answer: anyRecordsStreet ? tc("yes") : tc("no") })}
          </p>
        )}
        {anyRecordsStreet && (
          <TextField path="streetView" label={t("streetView")} hint={t("streetViewHint")} value={form.streetView} onChange={(v) => set("streetView", v)} errors={errors} maxLength={300} />
        )}
        <RadioGroup
          path="recordingMode"
          required
          legend={t("recordingMode")}
          hint={t("recordingModeHint")}
          options={RECORDING_MODES.map((m) => ({ value: m, label: t(`recordingModes.${m}`) }))}
          value={form.recordingMode}
          onChange={(v) => set("recordingMode", v as RecordingMode)}
          errors={errors}
          stacked
        />
        <RadioGroup
          path="playback"
          legend={t("playback")}
          hint={t("playbackHint")}
          options={[
            { value: "standard", label: t("playbackStandard") },
            { value: "proprietary", label: t("playbackProprietary") },
            { value: "unknown", label: t("playbackUnknown") },
          ]}
          value={form.playback}
          onChange={(v) => set("playback", v)}
          errors={errors}
        />
        <div className="grid grid-cols-2 gap-4">
          <TextField path="retentionDays" label={t("retentionDays")} inputMode="numeric" hint={t("retentionDaysHint")} value={form.retentionDays} onChange={(v) => set("retentionDays", v)} errors={errors} maxLength={4} />
          <TextField path="cameraCount" label={t("cameraCount")} required inputMode="numeric" value={form.cameraCount} onChange={(v) => set("cameraCount", v)} errors={errors} maxLength={3} />
        </div>
        <TextField path="notes" label={t("notes")} hint={t("notesHint")} multiline value={form.notes} onChange={(v) => set("notes", v)} errors={errors} maxLength={2000} />
      </fieldset>

      {p.mode === "register" && (
        <fieldset>
          <legend className="text-xl font-semibold">{t("termsLegend")}</legend>
          {p.termsTranslated === false && <p className="text-sm text-slate-700">{t("termsInDefaultLanguage")}</p>}
          <div className="mt-2 space-y-3 rounded-md border border-slate-300 bg-white p-4 text-sm" id="terms-text" lang={p.termsTranslated === false ? "en" : undefined}>
            {(p.termsText ?? "").split(/\n\s*\n/).map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          </div>
          <CheckboxField path="consent" label={t("consent", { agency: p.agencyName })} checked={form.consent} onChange={(v) => set("consent", v)} errors={errors} />
        </fieldset>
      )}

      {/* Honeypot: hidden from people and assistive technology; bots fill every field. */}
      {p.mode === "register" && !p.endpoint && (
        <div aria-hidden="true" style={{ position: "absolute", left: "-10000px", width: 1, height: 1, overflow: "hidden" }}>
          <label htmlFor="website">{t("honeypot")}</label>
          <input ref={honeypot} id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
      )}

      <div>
        <button type="submit" disabled={busy} className="min-h-12 w-full rounded-md bg-brand-700 px-6 py-3 text-lg font-semibold text-white hover:bg-brand-900 sm:w-auto">
          {busy ? t("sending") : p.mode === "register" ? t("submitRegister") : t("submitEdit")}
        </button>
        <p role="status" className="mt-2 font-medium text-green-800">
          {notice}
        </p>
      </div>
    </form>
  );
}
