"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { CanvassAttempt } from "@/lib/canvass/canvass-types";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { FieldError } from "./field-error";
import { fetchJson, problemsOf } from "@/lib/http/fetch-json";

const METHOD_LABEL = { visit: "visit", phone: "phone", email: "e-mail" } as const;

/** Attempts to reach the owner or alternate: the log, and a one-line form to add one. */
export function ContactAttempts({ entryId, attempts, timeZone, canAdd }: { entryId: string; attempts: CanvassAttempt[]; timeZone: string; canAdd: boolean }) {
  const router = useRouter();
  const [contact, setContact] = useState<"primary" | "alternate">("primary");
  const [method, setMethod] = useState<"visit" | "phone" | "email">("visit");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  return (
    <div className="mt-2 border-t border-slate-100 pt-2">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Contact attempts</p>
      {attempts.length === 0 ? <p className="text-xs text-slate-600">None yet.</p> : null}
      <ul className="text-xs text-slate-700">
        {attempts.map((a) => (
          <li key={a.id}>
            {formatAgencyTime(new Date(a.at), timeZone)}: {a.contact === "primary" ? "owner" : "alternate"} by {METHOD_LABEL[a.method]}
            {a.byName ? ` (${a.byName})` : ""}
            {a.note ? `: ${a.note}` : ""}
          </li>
        ))}
      </ul>
      {canAdd ? (
        <form
          className="mt-1 flex flex-wrap items-end gap-2 text-xs"
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const result = await fetchJson(`/api/canvass-entries/${entryId}/attempts`, { method: "POST", body: { contact, method, note } });
              if (!result.ok) return setErrors(problemsOf(result));
              setErrors({});
              setNote("");
              router.refresh();
            });
          }}
        >
          <label>
            Who{" "}
            <select className="min-h-11 rounded border border-slate-300 px-1 py-0.5" value={contact} onChange={(e) => setContact(e.target.value as typeof contact)}>
              <option value="primary">owner</option>
              <option value="alternate">alternate</option>
            </select>
          </label>
          <label>
            How{" "}
            <select className="min-h-11 rounded border border-slate-300 px-1 py-0.5" value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
              <option value="visit">visit</option>
              <option value="phone">phone</option>
              <option value="email">e-mail</option>
            </select>
          </label>
          <label className="grow">
            Note <input className="min-h-11 w-full rounded border border-slate-300 px-1 py-0.5" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" disabled={pending} className="min-h-11 rounded border border-brand-700 px-3 py-0.5 text-brand-700 hover:bg-brand-50 disabled:opacity-50">
            Log attempt
          </button>
          <FieldError message={Object.values(errors)[0]} />
        </form>
      ) : null}
    </div>
  );
}
