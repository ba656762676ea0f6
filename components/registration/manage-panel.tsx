"use client";
/**
 * The owner's page behind the private link: status, confirm still current,
 * the map pin, edit everything (cameras included), report a change, replace
 * the link. Each action is its own small request, answered inline.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { STATUS_CHANGES, type CameraPosition, type PlaybackFormat, type StatusChange } from "@/lib/registration/schema";
import type { OwnerView } from "@/lib/registration/manage";
import { newCamera, type RegistrationFormState } from "./form-model";
import { PinConfirm } from "./pin-confirm";
import { RegistrationForm, type MapConfig } from "./registration-form";

const STATUS_TEXT: Record<string, string> = {
  active: "Active — investigators can find your cameras.",
  pending_review: "Waiting for staff review — staff place and check new or moved locations before investigators see them.",
  withdrawn: "Withdrawn — you told us you no longer use security cameras.",
  inactive: "Inactive — this registration is closed.",
};

function toFormState(view: OwnerView): RegistrationFormState {
  const d = view.details;
  return {
    eligibility: { exteriorFacing: true, recordsAndRetains: true },
    owner: { ...d.owner },
    address: { ...d.address },
    alternateContact: d.alternateContact ? { ...d.alternateContact } : { name: "", phone: "", email: "" },
    cameraLocations: d.cameraLocations as CameraPosition[],
    cameras: d.cameras.map((c) => ({ ...newCamera(c.position as CameraPosition), bearingDeg: c.bearingDeg ?? null, recordsStreet: c.recordsStreet ? "yes" : "no", note: c.note ?? "" })),
    recordsStreetTraffic: d.recordsStreetTraffic ? "yes" : "no",
    streetView: d.streetView,
    playback: d.playback as PlaybackFormat,
    retentionDays: d.retentionDays === undefined ? "" : String(d.retentionDays),
    cameraCount: String(d.cameraCount),
    notes: d.notes,
    consent: true,
  };
}

const post = (url: string, body?: unknown) => fetchJson<Record<string, unknown>>(url, { method: "POST", body });

export function ManagePanel(p: { token: string; view: OwnerView; lastConfirmedText: string; map: MapConfig; agencyName: string; contactEmail: string }) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [change, setChange] = useState<StatusChange | "">("");
  const [changeError, setChangeError] = useState("");
  const closed = p.view.status === "withdrawn" || p.view.status === "inactive" || p.view.mergedIntoAnother;
  const api = `/api/manage/${p.token}`;

  async function confirm() {
    const r = await post(`${api}/confirm`);
    setMessage(r.ok ? "Thank you — your registration is confirmed as current." : "Could not confirm; please try again.");
    if (r.ok) router.refresh();
  }

  async function reportChange(e: React.FormEvent) {
    e.preventDefault();
    if (!change) return setChangeError("Choose what changed");
    setChangeError("");
    const r = await post(`${api}/status`, { change });
    if (!r.ok) return setChangeError("Could not save; please try again.");
    setMessage(
      change === "cameras_changed"
        ? "Thank you. Please update your cameras below so investigators see where they are now."
        : "Thank you. Your registration is closed and investigators will no longer see it.",
    );
    router.refresh();
  }

  async function rotate() {
    const r = await post(`${api}/rotate`);
    if (r.ok && typeof r.data.manageUrl === "string") window.location.assign(r.data.manageUrl);
    else setMessage("Could not replace the link; please try again.");
  }

  return (
    <div className="space-y-8">
      <section aria-labelledby="status-title" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="status-title" className="text-lg font-semibold">
          Status
        </h2>
        <p className="mt-1" data-testid="registration-status">
          {p.view.mergedIntoAnother ? `Merged with another registration of the same address by staff. Questions: ${p.contactEmail}.` : STATUS_TEXT[p.view.status]}
        </p>
        <p className="text-sm text-slate-700">Last confirmed: {p.lastConfirmedText}</p>
        {!closed && (
          <button type="button" onClick={confirm} className="mt-3 min-h-11 rounded-md bg-brand-700 px-4 font-semibold text-white hover:bg-brand-900">
            My registration is still current
          </button>
        )}
        <p role="status" className="mt-2 font-medium text-green-800">
          {message}
        </p>
      </section>

      {!closed && (
        <>
          <PinConfirm
            token={p.token}
            location={p.view.location}
            matchedAddress={p.view.matchedAddress}
            fallbackCenter={{ lat: p.map.centerLat, lng: p.map.centerLng }}
            map={p.map}
            confirmed={p.view.pinConfirmed}
          />

          <form onSubmit={reportChange} noValidate className="rounded-md border border-slate-300 bg-white p-4">
            <fieldset id="f-change" tabIndex={-1} aria-describedby={changeError ? "f-change-error" : undefined}>
              <legend className="text-lg font-semibold">Report a change in status</legend>
              {(Object.entries(STATUS_CHANGES) as [StatusChange, string][]).map(([value, label]) => (
                <label key={value} className="mt-2 flex items-center gap-2 py-1">
                  <input type="radio" className="h-5 w-5" name="change" value={value} checked={change === value} onChange={() => setChange(value)} />
                  {label}
                </label>
              ))}
              {changeError && (
                <p id="f-change-error" className="mt-1 text-sm font-medium text-red-800">
                  {changeError}
                </p>
              )}
            </fieldset>
            <p className="mt-2 text-sm text-slate-700">
              No longer using cameras or no longer at the address closes the registration at once; your contact details are erased
              after the {p.agencyName}&apos;s retention period.
            </p>
            <button type="submit" className="mt-3 min-h-11 rounded-md border-2 border-brand-700 px-4 font-semibold text-brand-700">
              Send this change
            </button>
          </form>

          <section aria-labelledby="edit-title">
            <h2 id="edit-title" className="text-xl font-semibold">
              Update your registration
            </h2>
            <div className="mt-4">
              <RegistrationForm mode="edit" map={p.map} agencyName={p.agencyName} initial={toFormState(p.view)} siteLocation={p.view.location} token={p.token} onSaved={() => router.refresh()} />
            </div>
          </section>

          <section aria-labelledby="rotate-title" className="rounded-md border border-slate-300 bg-white p-4">
            <h2 id="rotate-title" className="text-lg font-semibold">
              Replace this link
            </h2>
            <p className="mt-1 text-sm">If someone else may have seen this link, replace it. The old link stops working at once.</p>
            <button type="button" onClick={rotate} className="mt-3 min-h-11 rounded-md border-2 border-slate-600 px-4">
              Give me a new link
            </button>
          </section>
        </>
      )}
    </div>
  );
}
