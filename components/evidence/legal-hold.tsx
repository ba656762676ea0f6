"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fetchJson, problemsOf } from "@/lib/http/fetch-json";

interface Props {
  incidentId: string;
  hold: { reason: string; setAtText: string; setByName: string | null } | null;
  /** What retention will do, in words ("kept until the incident is closed", "purged after …"). */
  retentionText: string;
  canChange: boolean;
}

/** The incident's legal hold: shown to everyone who sees the evidence, set or lifted by a supervisor with a reason (audited). */
export function LegalHoldPanel({ incidentId, hold, retentionText, canChange }: Props) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function change(method: "PUT" | "DELETE") {
    startTransition(async () => {
      setProblem(null);
      const result = await fetchJson(`/api/incidents/${incidentId}/legal-hold`, { method, body: { reason } });
      if (!result.ok) return setProblem(Object.values(problemsOf(result)).join("; "));
      setReason("");
      router.refresh();
    });
  }

  return (
    <div className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="legal-hold" data-held={hold ? "yes" : "no"}>
      {hold ? (
        <p className="font-semibold text-amber-900">
          Legal hold since {hold.setAtText} {hold.setByName ? `by ${hold.setByName}` : ""}: {hold.reason}. Nothing of this incident is purged while the hold stands.
        </p>
      ) : (
        <p className="text-slate-700">No legal hold. {retentionText}</p>
      )}
      {canChange ? (
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <label className="grow">
            <span className="block text-xs font-medium text-slate-700">{hold ? "Reason for lifting the hold (logged)" : "Reason for a legal hold (logged)"}</span>
            <input name="holdReason" className="w-full rounded border border-slate-300 px-2 py-1" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button
            type="button"
            disabled={pending || reason.trim().length < 3}
            className="rounded border border-amber-800 px-3 py-1 font-medium text-amber-900 disabled:opacity-50"
            onClick={() => change(hold ? "DELETE" : "PUT")}
          >
            {hold ? "Lift legal hold" : "Place legal hold"}
          </button>
        </div>
      ) : null}
      {problem ? (
        <p role="alert" className="mt-1 text-red-700">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
