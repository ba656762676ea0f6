"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FieldError } from "./field-error";
import { fetchJson, problemsOf } from "@/lib/http/fetch-json";
import type { StaffChoice } from "./canvass-entry-card";

/** A supervisor hands a whole block face to one detective. */
export function BlockAssign({ incidentId, blockFaceKey, blockFaceLabel, staff }: { incidentId: string; blockFaceKey: string; blockFaceLabel: string; staff: StaffChoice[] }) {
  const router = useRouter();
  const [assigneeId, setAssigneeId] = useState("");
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex items-center gap-1 text-xs"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await fetchJson(`/api/incidents/${incidentId}/canvass/assign`, { method: "POST", body: { assigneeId: assigneeId || null, blockFaceKey } });
          if (!result.ok) return setError(Object.values(problemsOf(result))[0]);
          setError(undefined);
          router.refresh();
        });
      }}
    >
      <label>
        <span className="sr-only">Assign {blockFaceLabel} to</span>
        <select name="blockAssignee" aria-label={`Assign ${blockFaceLabel} to`} className="min-h-11 rounded border border-slate-300 px-1 py-0.5" value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
          <option value="">nobody</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending} className="min-h-11 rounded border border-slate-400 px-3 py-0.5 hover:bg-slate-100 disabled:opacity-50">
        Assign block
      </button>
      <FieldError message={error} />
    </form>
  );
}
