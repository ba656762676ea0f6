"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { formatClockOffset, parseClockOffset, recorderTimeFor } from "@/lib/canvass/clock-offset";
import {
  CANVASS_OUTCOMES,
  describeCamera,
  fullAddress,
  OUTCOME_LABELS,
  PLAYBACK_LABELS,
  retentionLabel,
  relevantCameras,
  type CanvassRow,
} from "@/lib/canvass/canvass-types";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { directionsUrl, telHref } from "@/lib/agency/directions";
import { FootageRequestPanel, type FootageRequestRow } from "@/components/evidence/footage-request-panel";
import type { StopEvidence } from "@/lib/evidence/evidence-items";
import { ContactAttempts } from "./contact-attempts";
import { DeadlineBadge } from "./deadline-badge";
import { UpdatedSince } from "./updated-since";
import { FieldError } from "./field-error";
import { fetchJson, problemsOf } from "@/lib/http/fetch-json";

export interface StaffChoice {
  id: string;
  name: string;
}

interface Props {
  row: CanvassRow;
  incidentStart: Date;
  timeZone: string;
  staff: StaffChoice[];
  canAssign: boolean;
  canEdit: boolean;
  footageRequests?: FootageRequestRow[];
  /** Received evidence of this stop (thumbnails on the footage panel). */
  evidence?: StopEvidence[];
  /** DIRECTIONS_URL_TEMPLATE: each stop links to directions to it. */
  directionsUrlTemplate?: string;
}

/** Phone numbers tap to call, e-mail addresses open the mail app; each a 44 px target. */
function ContactLine({ phone, email, extra }: { phone: string | null; email: string | null; extra?: string | null }) {
  const link = "inline-flex min-h-11 items-center underline decoration-slate-400 underline-offset-2";
  return (
    <p className="flex flex-wrap items-center gap-x-3 text-slate-700">
      {phone ? (
        <a className={link} href={telHref(phone)} data-testid="tel-link">
          {phone}
        </a>
      ) : null}
      {email ? (
        <a className={`${link} break-all`} href={`mailto:${email}`}>
          {email}
        </a>
      ) : null}
      {extra ? <span>{extra}</span> : null}
    </p>
  );
}

/** One stop of the canvass: who to reach, what to look at, and the outcome form. */
export function CanvassEntryCard({ row, incidentStart, timeZone, staff, canAssign, canEdit, footageRequests = [], evidence = [], directionsUrlTemplate }: Props) {
  const router = useRouter();
  const [outcome, setOutcome] = useState(row.outcome);
  const [clockOffset, setClockOffset] = useState(formatClockOffset(row.clockOffsetS));
  const [notes, setNotes] = useState(row.notes ?? "");
  const [footageNotes, setFootageNotes] = useState(row.footageNotes ?? "");
  const [assignee, setAssignee] = useState(row.assignedToId ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);

  const parsedOffset = clockOffset.trim() === "" ? null : parseClockOffset(clockOffset);
  const previewOffsetS = parsedOffset && parsedOffset.ok ? parsedOffset.seconds : null;
  const idBase = `entry-${row.entryId}`;

  function save(patch: Record<string, unknown>) {
    setSaved(false);
    startTransition(async () => {
      const result = await fetchJson(`/api/canvass-entries/${row.entryId}`, { method: "PATCH", body: patch });
      if (!result.ok) {
        const problems = problemsOf(result);
        setErrors(problems);
        // The Save button was disabled while saving, so focus fell to the page: put it on the first field refused.
        const refused = Object.keys(problems).map((key) => (key === "clockOffsetS" ? "clockOffset" : key));
        requestAnimationFrame(() => {
          const field = refused.map((name) => form.current?.querySelector<HTMLElement>(`[name="${name}"]`)).find(Boolean);
          field?.focus();
        });
        return;
      }
      setErrors({});
      setSaved(true);
      router.refresh();
    });
  }

  return (
    <li className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="canvass-entry" data-entry-id={row.entryId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex items-start gap-3">
          <span className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand-700 text-xs font-semibold text-white">{row.walkOrder ?? "–"}</span>
          <div>
            <p className="font-semibold">{fullAddress(row)}</p>
            {row.location && directionsUrlTemplate ? (
              <a
                className="inline-flex min-h-11 items-center text-brand-700 underline"
                href={directionsUrl(directionsUrlTemplate, { lng: row.location[0], lat: row.location[1], address: fullAddress(row) })}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="directions-link"
              >
                Directions
              </a>
            ) : null}
            <p className="text-xs text-slate-600">
              {row.distanceM !== null ? `${Math.round(row.distanceM)} m from the incident · ` : ""}
              {PLAYBACK_LABELS[row.playback] ?? row.playback} · {retentionLabel(row.retentionDays)}
            </p>
          </div>
        </div>
        <DeadlineBadge deadline={row.footageDeadline} status={row.deadlineStatus} timeZone={timeZone} />
      </div>

      <UpdatedSince row={row} timeZone={timeZone} />

      <div className="mt-2 grid gap-2 sm:grid-cols-3">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Owner</p>
          <p>{[row.owner.name, row.owner.businessName].filter(Boolean).join(", ") || "(erased)"}</p>
          <ContactLine phone={row.owner.phone} email={row.owner.email} extra={row.owner.name ? `speaks ${row.owner.language}` : null} />
        </div>
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Alternate</p>
          <p>{row.alternate.name ?? "none"}</p>
          <ContactLine phone={row.alternate.phone} email={row.alternate.email} />
        </div>
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Cameras on the street or the spot</p>
          <ul>
            {relevantCameras(row).map((c, i) => (
              <li key={i}>{describeCamera(c)}</li>
            ))}
            {relevantCameras(row).length === 0 ? <li className="text-slate-500">none of {row.cameras.length}</li> : null}
          </ul>
        </div>
      </div>

      <form
        ref={form}
        className="mt-3 grid gap-2 border-t border-slate-100 pt-3 sm:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          save({ outcome, clockOffset, notes, footageNotes });
        }}
      >
        <label className="block">
          <span className="text-xs font-medium text-slate-700">Outcome</span>
          <select
            name="outcome"
            className="mt-0.5 block min-h-11 w-full rounded border border-slate-300 px-2 py-1"
            value={outcome}
            disabled={!canEdit}
            onChange={(e) => setOutcome(e.target.value as typeof outcome)}
          >
            {CANVASS_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
          </select>
          <FieldError message={errors.outcome} />
        </label>
        <label className="block">
          <span className="text-xs font-medium text-slate-700">Recorder clock offset</span>
          <input
            name="clockOffset"
            className="mt-0.5 block min-h-11 w-full rounded border border-slate-300 px-2 py-1"
            placeholder="+3 min 12 s"
            value={clockOffset}
            disabled={!canEdit}
            aria-invalid={Boolean(errors.clockOffset ?? errors.clockOffsetS) || undefined}
            aria-describedby={`${idBase}-offset-help`}
            onChange={(e) => setClockOffset(e.target.value)}
          />
          <span id={`${idBase}-offset-help`} className="block text-xs text-slate-600" data-testid="recorder-time">
            {parsedOffset && !parsedOffset.ok
              ? "e.g. +3 min 12 s, −45 s, +1:02:03"
              : `Look at ${formatAgencyTime(recorderTimeFor(new Date(incidentStart), previewOffsetS), timeZone)} on the recorder`}
          </span>
          <FieldError message={errors.clockOffset ?? errors.clockOffsetS} />
        </label>
        <label className="block">
          <span className="text-xs font-medium text-slate-700">Notes</span>
          <textarea name="notes" rows={2} className="mt-0.5 block min-h-11 w-full rounded border border-slate-300 px-2 py-1" value={notes} disabled={!canEdit} onChange={(e) => setNotes(e.target.value)} />
          <FieldError message={errors.notes} />
        </label>
        <label className="block">
          <span className="text-xs font-medium text-slate-700">Footage notes (files, what it shows)</span>
          <textarea
            name="footageNotes"
            rows={2}
            className="mt-0.5 block min-h-11 w-full rounded border border-slate-300 px-2 py-1"
            value={footageNotes}
            disabled={!canEdit}
            onChange={(e) => setFootageNotes(e.target.value)}
          />
          <FieldError message={errors.footageNotes} />
        </label>
        <div className="flex items-center gap-3 sm:col-span-4">
          {canEdit ? (
            <button type="submit" disabled={pending} className="min-h-11 rounded bg-brand-700 px-4 py-1 font-medium text-white hover:bg-brand-900 disabled:opacity-50">
              {pending ? "Saving…" : "Save"}
            </button>
          ) : (
            <span className="text-xs text-slate-600">Assigned to {row.assignedToName}; only they or a supervisor can record here.</span>
          )}
          {saved ? <span role="status" className="text-xs text-green-700">Saved</span> : null}
          <FieldError message={errors["(request)"] ?? errors["(body)"]} />
          <span className="ml-auto text-xs text-slate-600">
            {canAssign ? (
              <label>
                Assigned to{" "}
                <select
                  name="assignedTo"
                  className="min-h-11 rounded border border-slate-300 px-1 py-0.5"
                  value={assignee}
                  onChange={(e) => {
                    setAssignee(e.target.value);
                    save({ assignedTo: e.target.value || null });
                  }}
                >
                  <option value="">nobody</option>
                  {staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
                <FieldError message={errors.assignedTo} />
              </label>
            ) : (
              <>Assigned to {row.assignedToName ?? "nobody"}</>
            )}
          </span>
        </div>
      </form>
      <ContactAttempts entryId={row.entryId} attempts={row.attempts} timeZone={timeZone} canAdd={canEdit} />
      <FootageRequestPanel entryId={row.entryId} requests={footageRequests} evidence={evidence} canEdit={canEdit} timeZone={timeZone} />
    </li>
  );
}
