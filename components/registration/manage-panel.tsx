"use client";
/**
 * The owner's page behind the private link: status in words, confirm still
 * current, the map pin, edit everything (cameras included), report a change
 * (asking before one that closes the registration), reopen a closure within
 * 30 days, replace the link. Each action is its own small request, answered inline.
 */
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { fetchJson } from "@/lib/http/fetch-json";
import { CLOSING_CHANGES, STATUS_CHANGE_KINDS, type CameraPosition, type PlaybackFormat, type RecordingMode, type StatusChange } from "@/lib/registration/schema";
import type { OwnerView } from "@/lib/registration/manage";
import { newCamera, type RegistrationFormState } from "./form-model";
import { PinConfirm } from "./pin-confirm";
import { RegistrationForm, type MapConfig } from "./registration-form";

export function toFormState(view: OwnerView): RegistrationFormState {
  const d = view.details;
  return {
    eligibility: { exteriorFacing: true, recordsAndRetains: true },
    owner: { ...d.owner },
    address: { ...d.address },
    alternateContact: d.alternateContact ? { ...d.alternateContact } : { name: "", phone: "", email: "" },
    cameras: d.cameras.map((c) => ({ ...newCamera(c.position as CameraPosition), bearingDeg: c.bearingDeg ?? null, recordsStreet: c.recordsStreet ? "yes" : "no", note: c.note ?? "" })),
    streetView: d.streetView,
    playback: d.playback as PlaybackFormat,
    recordingMode: d.recordingMode as RecordingMode,
    retentionDays: d.retentionDays === undefined ? "" : String(d.retentionDays),
    cameraCount: String(d.cameraCount),
    notes: d.notes,
    consent: true,
  };
}

const post = (url: string, body?: unknown) => fetchJson<Record<string, unknown>>(url, { method: "POST", body });

export function ManagePanel(p: { token: string; view: OwnerView; map: MapConfig; agencyName: string; contactEmail: string; languageName: string; mailConfigured: boolean }) {
  const t = useTranslations("manage");
  const tc = useTranslations("changes");
  const ts = useTranslations("status");
  const format = useFormatter();
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [change, setChange] = useState<StatusChange | "">("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ change?: string; reason?: string }>({});
  const [confirmingClose, setConfirmingClose] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const changeGroup = useRef<HTMLFieldSetElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const closed = p.view.status === "withdrawn" || p.view.status === "inactive" || p.view.mergedIntoAnother;
  const api = `/api/manage/${p.token}`;
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long" });

  async function confirm() {
    const r = await post(`${api}/confirm`);
    setMessage(r.ok ? t("confirmed") : t("confirmFailed"));
    if (r.ok) router.refresh();
  }

  async function sendChange() {
    const r = await post(`${api}/status`, { change, reason: change === "other" ? reason : undefined });
    setConfirmingClose(false);
    if (!r.ok && (r.errors.change || r.errors.reason)) return showChangeErrors({ change: r.errors.change, reason: r.errors.reason });
    if (!r.ok) return showChangeErrors({ change: t("saveFailed") });
    setMessage(t(`afterChange.${change as StatusChange}`));
    setChange("");
    setReason("");
    router.refresh();
  }

  /** The message beside its question, and focus on that question so a screen reader reads both. */
  function showChangeErrors(next: { change?: string; reason?: string }) {
    setErrors(next);
    requestAnimationFrame(() => (next.change ? changeGroup.current : reasonField.current)?.focus());
  }

  function reportChange(e: React.FormEvent) {
    e.preventDefault();
    if (!change) return showChangeErrors({ change: t("chooseChange") });
    if (change === "other" && !reason.trim()) return showChangeErrors({ reason: t("reasonRequired") });
    setErrors({});
    if (CLOSING_CHANGES.includes(change)) {
      // Closing takes investigators' view away: ask once more, in words, before sending.
      setConfirmingClose(true);
      requestAnimationFrame(() => confirmHeading.current?.focus());
      return;
    }
    void sendChange();
  }

  async function reopen() {
    const r = await post(`${api}/reopen`);
    setMessage(r.ok ? t("undone") : t("undoFailed"));
    if (r.ok) router.refresh();
  }

  async function rotate() {
    const r = await post(`${api}/rotate`);
    if (r.ok && typeof r.data.manageUrl === "string") window.location.assign(r.data.manageUrl);
    else setMessage(t("rotateFailed"));
  }

  return (
    <div className="space-y-8">
      <section aria-labelledby="status-title" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="status-title" className="text-lg font-semibold">
          {t("statusTitle")}
        </h2>
        <p className="mt-1" data-testid="registration-status">
          {p.view.mergedIntoAnother ? t("merged", { email: p.contactEmail }) : ts(p.view.status)}
        </p>
        <p className="text-sm text-slate-700">{t("lastConfirmed", { date: date(p.view.lastConfirmedAt) })}</p>
        <p className="text-sm text-slate-700">{t("language", { language: p.languageName })}</p>
        {!closed && (
          <button type="button" onClick={confirm} className="mt-3 min-h-11 rounded-md bg-brand-700 px-4 font-semibold text-white hover:bg-brand-900">
            {t("stillCurrent")}
          </button>
        )}
        <p role="status" className="mt-2 font-medium text-green-800">
          {message}
        </p>
      </section>

      {closed && p.view.reopenableUntil && (
        <section aria-labelledby="undo-title" className="rounded-md border-2 border-brand-700 bg-white p-4">
          <h2 id="undo-title" className="text-lg font-semibold">
            {t("undoTitle")}
          </h2>
          <p className="mt-1 text-sm">{t("undoHint", { date: date(p.view.reopenableUntil) })}</p>
          <button type="button" onClick={reopen} className="mt-3 min-h-11 rounded-md bg-brand-700 px-4 font-semibold text-white hover:bg-brand-900">
            {t("undo")}
          </button>
        </section>
      )}
      {closed && !p.view.reopenableUntil && (
        <p>
          {t("closedForGood")}{" "}
          <a className="underline" href="/register">
            {t("registerAgain")}
          </a>
        </p>
      )}

      {!closed && (
        <>
          <PinConfirm
            token={p.token}
            location={p.view.location}
            matchedAddress={p.view.matchedAddress}
            fallbackCenter={{ lat: p.map.centerLat, lng: p.map.centerLng }}
            map={p.map}
            confirmed={p.view.pinConfirmed}
            placedByResident={p.view.pinPlacedByResident}
          />

          <form onSubmit={reportChange} noValidate className="rounded-md border border-slate-300 bg-white p-4">
            <fieldset id="f-change" ref={changeGroup} tabIndex={-1} aria-describedby={`f-change-hint${errors.change ? " f-change-error" : ""}`}>
              <legend className="text-lg font-semibold">{t("changeTitle")}</legend>
              <p id="f-change-hint" className="mt-1 text-sm text-slate-700">
                {t("changeHint", { agency: p.agencyName })}
              </p>
              {STATUS_CHANGE_KINDS.map((value) => (
                <label key={value} className="mt-2 flex items-center gap-2 py-1">
                  <input
                    type="radio"
                    className="h-5 w-5"
                    name="change"
                    value={value}
                    checked={change === value}
                    onChange={() => {
                      setChange(value);
                      setConfirmingClose(false);
                    }}
                  />
                  {tc(value)}
                </label>
              ))}
              {errors.change && (
                <p id="f-change-error" className="mt-1 text-sm font-medium text-red-800">
                  {errors.change}
                </p>
              )}
            </fieldset>
            {change === "other" && (
              <div className="mt-3">
                <label htmlFor="f-reason" className="block font-medium">
                  {t("reasonLabel")} <span aria-hidden="true">*</span>
                </label>
                <p id="f-reason-hint" className="text-sm text-slate-700">
                  {t("reasonHint")}
                </p>
                <textarea
                  id="f-reason"
                  ref={reasonField}
                  rows={3}
                  maxLength={500}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  aria-invalid={Boolean(errors.reason) || undefined}
                  aria-describedby={`f-reason-hint${errors.reason ? " f-reason-error" : ""}`}
                  className={`mt-1 block w-full rounded-md border px-3 py-2 text-base ${errors.reason ? "border-2 border-red-700" : "border-slate-500"}`}
                />
                {errors.reason && (
                  <p id="f-reason-error" className="mt-1 text-sm font-medium text-red-800">
                    {errors.reason}
                  </p>
                )}
              </div>
            )}
            {confirmingClose ? (
              <div role="alertdialog" aria-labelledby="confirm-close-title" aria-describedby="confirm-close-text" className="mt-4 rounded-md border-2 border-red-800 bg-red-50 p-4">
                <h3 id="confirm-close-title" ref={confirmHeading} tabIndex={-1} className="font-semibold">
                  {t("confirmCloseTitle")}
                </h3>
                <p id="confirm-close-text" className="mt-1 text-sm">
                  {t("confirmClose")}
                </p>
                <div className="mt-3 flex flex-wrap gap-2">
                  <button type="button" onClick={() => void sendChange()} className="min-h-11 rounded-md bg-red-800 px-4 font-semibold text-white">
                    {t("confirmCloseYes")}
                  </button>
                  <button type="button" onClick={() => setConfirmingClose(false)} className="min-h-11 rounded-md border-2 border-slate-600 px-4">
                    {t("confirmCloseNo")}
                  </button>
                </div>
              </div>
            ) : (
              <button type="submit" className="mt-3 min-h-11 rounded-md border-2 border-brand-700 px-4 font-semibold text-brand-700">
                {t("sendChange")}
              </button>
            )}
          </form>

          <section aria-labelledby="edit-title">
            <h2 id="edit-title" className="text-xl font-semibold">
              {t("editTitle")}
            </h2>
            <div className="mt-4">
              <RegistrationForm mode="edit" map={p.map} agencyName={p.agencyName} mailConfigured={p.mailConfigured} initial={toFormState(p.view)} siteLocation={p.view.location} token={p.token} onSaved={() => router.refresh()} />
            </div>
          </section>

          <section aria-labelledby="rotate-title" className="rounded-md border border-slate-300 bg-white p-4">
            <h2 id="rotate-title" className="text-lg font-semibold">
              {t("rotateTitle")}
            </h2>
            <p className="mt-1 text-sm">{t("rotateHint")}</p>
            <button type="button" onClick={rotate} className="mt-3 min-h-11 rounded-md border-2 border-slate-600 px-4">
              {t("rotate")}
            </button>
          </section>
        </>
      )}
    </div>
  );
}
