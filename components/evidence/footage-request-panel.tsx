"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fetchJson, problemsOf } from "@/lib/http/fetch-json";
import { FieldError } from "@/components/canvass/field-error";
import { InPersonUpload } from "./in-person-upload";
import type { StopEvidence } from "@/lib/evidence/evidence-items";
import { describeMedia, storedMedia } from "@/lib/evidence/media-facts";
import { STATE_LABELS, type FootageRequestState } from "@/lib/evidence/request-state";
import { formatAgencyTime } from "@/lib/time/agency-time";

export interface FootageRequestRow {
  id: string;
  state: FootageRequestState;
  delivery: "link" | "email" | "sms";
  deliveredTo: string | null;
  deliveryResult: string | null;
  windowFrom: Date;
  windowTo: Date;
  expiresAt: Date;
  createdAt: Date;
  declineReason: string | null;
  declineNote: string | null;
  receivedFiles: number;
}

const DECLINE_LABELS: Record<string, string> = {
  no_footage: "no footage of that time",
  overwritten: "overwritten",
  in_person: "will hand it over in person",
  other: "other",
};

/** A stop's footage requests (state, delivery, files received) and the form to send one. */
export function FootageRequestPanel({
  entryId,
  requests,
  evidence = [],
  canEdit,
  timeZone,
}: {
  entryId: string;
  requests: FootageRequestRow[];
  evidence?: StopEvidence[];
  canEdit: boolean;
  timeZone: string;
}) {
  const router = useRouter();
  const [deliver, setDeliver] = useState<"link" | "email" | "sms">("link");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ uploadUrl: string; delivery: { result: string; to: string | null; error?: string } } | null>(null);
  const [pending, startTransition] = useTransition();

  function send() {
    startTransition(async () => {
      const result = await fetchJson(`/api/canvass-entries/${entryId}/footage-requests`, { method: "POST", body: { deliver, ...(note.trim() ? { note } : {}) } });
      if (!result.ok) return setErrors(problemsOf(result));
      setErrors({});
      setNote("");
      setCreated(result.data as typeof created);
      router.refresh();
    });
  }
  function revoke(id: string) {
    startTransition(async () => {
      const result = await fetchJson(`/api/footage-requests/${id}/revoke`, { method: "POST" });
      if (!result.ok) return setErrors(problemsOf(result));
      router.refresh();
    });
  }

  return (
    <div className="mt-3 border-t border-slate-100 pt-2" data-testid="footage-requests">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Footage requests</p>
      {requests.length === 0 ? <p className="text-xs text-slate-600">None sent.</p> : null}
      <ul className="space-y-1">
        {requests.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center gap-2 text-xs" data-testid="footage-request" data-state={r.state}>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-semibold">
              {STATE_LABELS[r.state]}
              {r.state === "received" || r.receivedFiles > 0 ? ` (${r.receivedFiles} file${r.receivedFiles === 1 ? "" : "s"})` : ""}
            </span>
            <span>
              by {r.delivery}
              {r.deliveredTo ? ` to ${r.deliveredTo}` : ""}
              {r.deliveryResult?.startsWith("failed") ? ` — ${r.deliveryResult}` : ""} · sent {formatAgencyTime(r.createdAt, timeZone)} · expires {formatAgencyTime(r.expiresAt, timeZone)}
            </span>
            {r.state === "declined" ? (
              <span>
                — {DECLINE_LABELS[r.declineReason ?? ""] ?? r.declineReason}
                {r.declineNote ? `: ${r.declineNote}` : ""}
              </span>
            ) : null}
            {canEdit && ["sent", "opened", "uploading", "received"].includes(r.state) ? (
              <button type="button" className="underline" disabled={pending} onClick={() => revoke(r.id)}>
                Revoke link
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {evidence.length > 0 ? <StopEvidenceList evidence={evidence} timeZone={timeZone} /> : null}
      {canEdit ? (
        <div className="mt-2 flex flex-wrap items-end gap-2 text-sm">
          <label>
            <span className="block text-xs font-medium text-slate-700">Send the link by</span>
            <select name="deliver" className="rounded border border-slate-300 px-2 py-1" value={deliver} onChange={(e) => setDeliver(e.target.value as typeof deliver)}>
              <option value="link">Show me the link</option>
              <option value="email">E-mail to the owner</option>
              <option value="sms">Text to the owner</option>
            </select>
          </label>
          <label className="grow">
            <span className="block text-xs font-medium text-slate-700">Note to the owner (optional)</span>
            <input name="requestNote" className="w-full rounded border border-slate-300 px-2 py-1" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="button" disabled={pending} onClick={send} className="rounded bg-brand-700 px-3 py-1 font-medium text-white hover:bg-brand-900 disabled:opacity-50">
            Request footage
          </button>
          <FieldError message={errors.deliver ?? errors.note ?? errors["(request)"] ?? errors["(body)"]} />
        </div>
      ) : null}
      {canEdit ? <InPersonUpload entryId={entryId} /> : null}
      {created ? (
        <p className="mt-1 break-all text-xs" role="status" data-testid="upload-link">
          {created.delivery.result === "failed" ? `Could not send (${created.delivery.error}). ` : created.delivery.result === "sent" ? `Sent to ${created.delivery.to}. ` : ""}
          Private link (shown once): <a href={created.uploadUrl} className="underline">{created.uploadUrl}</a>
        </p>
      ) : null}
    </div>
  );
}

/** What this stop has already given: poster frames (or names) linking to the incident's Evidence page. */
function StopEvidenceList({ evidence, timeZone }: { evidence: StopEvidence[]; timeZone: string }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-2" aria-label="Evidence received from this stop" data-testid="stop-evidence">
      {evidence.map((e) => {
        const facts = describeMedia(storedMedia(e.media), timeZone);
        return (
          <li key={e.id} className="w-40 text-xs">
            <a href={`/incidents/${e.incidentId}/evidence`} className="block underline" title={facts ?? undefined}>
              {e.hasPoster ? (
                // eslint-disable-next-line @next/next/no-img-element -- an authenticated, uncached route, not the image optimiser
                <img src={`/api/evidence/${e.id}/poster`} alt={`Poster frame of ${e.originalName}`} className="mb-0.5 h-auto w-40 rounded border border-slate-200 bg-black" data-testid="stop-poster" />
              ) : null}
              <span className="block truncate">{e.originalName}</span>
            </a>
            {e.source === "in_person" ? <span className="text-slate-600">collected in person</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
