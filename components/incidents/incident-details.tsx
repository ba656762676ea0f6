"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, useSyncExternalStore, useTransition } from "react";
import { FieldError } from "@/components/canvass/field-error";
import { fetchJson, problemsOf } from "@/lib/http/fetch-json";

export interface IncidentDetailsValues {
  id: string;
  caseNumber: string | null;
  offense: string | null;
  description: string | null;
  address: string | null;
  status: "open" | "closed";
}

interface Props {
  incident: IncidentDetailsValues;
  /** The detective who saved it, or a supervisor. */
  canEdit: boolean;
  /** Closing and reopening are a supervisor's. */
  canChangeStatus: boolean;
  /** "Closed by Sue Supervisor, Sat 7 Mar 2026, 12:00 CST" — formatted on the server in agency time. */
  closedText: string | null;
  /** What closing does (lib/investigation/close-effects.ts), shown before it is done. */
  closeEffects: string[];
}

/** The incident's offence, description, address and case number, and closing or reopening it. */
export function IncidentDetails({ incident, canEdit, canChangeStatus, closedText, closeEffects }: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  // Closing takes a second, deliberate click on a panel that says what it does; reopening is one click.
  const [confirmingClose, setConfirmingClose] = useState(false);
  const [values, setValues] = useState({
    caseNumber: incident.caseNumber ?? "",
    offense: incident.offense ?? "",
    description: incident.description ?? "",
    address: incident.address ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  // Set once React runs here: a button clicked before that would do nothing (browser tests wait for it).
  const hydrated = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );

  function patch(body: Record<string, unknown>, done: string) {
    setMessage(null);
    startTransition(async () => {
      const answer = await fetchJson(`/api/incidents/${incident.id}`, { method: "PATCH", body });
      if (!answer.ok) {
        const problems = problemsOf(answer);
        setErrors(problems);
        // Focus on the first refused field, so its message is read with it (not lost on the page).
        requestAnimationFrame(() => {
          const refused = Object.keys(problems)
            .map((name) => form.current?.querySelector<HTMLElement>(`[name="${name}"]`))
            .find(Boolean);
          refused?.focus();
        });
        return;
      }
      setErrors({});
      setEditing(false);
      setConfirmingClose(false);
      setMessage(done);
      router.refresh();
    });
  }

  const field = (name: keyof typeof values, label: string, multiline = false) => (
    <label className="block text-sm">
      <span className="text-xs font-medium text-slate-700">{label}</span>
      {multiline ? (
        <textarea
          name={name}
          rows={3}
          className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1"
          aria-invalid={Boolean(errors[name]) || undefined}
          value={values[name]}
          onChange={(e) => setValues({ ...values, [name]: e.target.value })}
        />
      ) : (
        <input
          name={name}
          className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1"
          aria-invalid={Boolean(errors[name]) || undefined}
          value={values[name]}
          onChange={(e) => setValues({ ...values, [name]: e.target.value })}
        />
      )}
      <FieldError message={errors[name]} />
    </label>
  );

  return (
    <section className="rounded border border-slate-200 bg-white p-3 text-sm" aria-label="Incident details" data-testid="incident-details" data-hydrated={hydrated ? "true" : undefined}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p>
          <span
            data-testid="incident-status"
            className={`rounded px-2 py-0.5 text-xs font-semibold ${incident.status === "open" ? "bg-green-100 text-green-900" : "bg-slate-200 text-slate-800"}`}
          >
            {incident.status === "open" ? "Open" : "Closed"}
          </span>
          {closedText ? <span className="ml-2 text-xs text-slate-700">{closedText}</span> : null}
        </p>
        <span className="flex flex-wrap gap-2">
          {canEdit && !editing ? (
            <button type="button" className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50" onClick={() => setEditing(true)}>
              Edit details
            </button>
          ) : null}
          {canChangeStatus ? (
            <button
              type="button"
              disabled={pending}
              aria-expanded={incident.status === "open" ? confirmingClose : undefined}
              className="rounded bg-brand-700 px-3 py-1 font-medium text-white hover:bg-brand-900 disabled:opacity-50"
              onClick={() => (incident.status === "open" ? setConfirmingClose(true) : patch({ status: "open" }, "Incident reopened"))}
            >
              {incident.status === "open" ? "Close incident" : "Reopen incident"}
            </button>
          ) : incident.status === "open" ? (
            <span className="text-xs text-slate-600">A supervisor closes incidents.</span>
          ) : null}
        </span>
      </div>
      {confirmingClose && incident.status === "open" ? (
        <div role="group" aria-labelledby="close-confirm-title" className="mt-3 rounded border border-amber-600 bg-amber-50 p-3" data-testid="close-confirm">
          <p id="close-confirm-title" className="font-semibold">
            Close this incident?
          </p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {closeEffects.map((effect) => (
              <li key={effect}>{effect}</li>
            ))}
          </ul>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              disabled={pending}
              className="min-h-11 rounded bg-brand-700 px-3 font-medium text-white hover:bg-brand-900 disabled:opacity-50"
              onClick={() => patch({ status: "closed" }, "Incident closed")}
            >
              {pending ? "Closing…" : "Yes, close the incident"}
            </button>
            {/* Focus lands on the safe choice: a second Enter or tap does not close the incident. */}
            <button type="button" autoFocus className="min-h-11 rounded border border-slate-300 bg-white px-3" onClick={() => setConfirmingClose(false)}>
              Keep it open
            </button>
          </div>
        </div>
      ) : null}
      {editing ? (
        <form
          ref={form}
          className="mt-3 grid gap-2 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            patch(values, "Saved");
          }}
        >
          {field("offense", "Offence / type")}
          {field("caseNumber", "Case number")}
          {field("address", "Incident address")}
          <div className="sm:col-span-2">{field("description", "Description", true)}</div>
          <div className="flex gap-2 sm:col-span-2">
            <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1 font-medium text-white hover:bg-brand-900 disabled:opacity-50">
              {pending ? "Saving…" : "Save details"}
            </button>
            <button type="button" className="rounded border border-slate-300 px-3 py-1" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="text-xs font-medium text-slate-600">Offence / type</dt>
          <dd data-testid="incident-offense">{incident.offense ?? "—"}</dd>
          <dt className="text-xs font-medium text-slate-600">Address</dt>
          <dd data-testid="incident-address">{incident.address ?? "—"}</dd>
          <dt className="text-xs font-medium text-slate-600">Case number</dt>
          <dd>{incident.caseNumber ?? "—"}</dd>
          <dt className="text-xs font-medium text-slate-600">Description</dt>
          <dd className="whitespace-pre-line">{incident.description ?? "—"}</dd>
        </dl>
      )}
      {message ? (
        <p role="status" className="mt-1 text-xs text-green-700">
          {message}
        </p>
      ) : null}
      <FieldError message={errors["(request)"] ?? errors["(body)"] ?? errors.status} />
    </section>
  );
}
