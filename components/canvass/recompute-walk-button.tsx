"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fetchJson, problemsOf } from "@/lib/http/fetch-json";

export function RecomputeWalkButton({ incidentId }: { incidentId: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className="min-h-11 rounded border border-slate-400 px-3 py-1 text-xs hover:bg-slate-100 disabled:opacity-50"
        onClick={() =>
          startTransition(async () => {
            const result = await fetchJson(`/api/incidents/${incidentId}/canvass/walk-order`, { method: "POST", body: {} });
            setMessage(result.ok ? "Walk order recomputed" : Object.values(problemsOf(result))[0]);
            if (result.ok) router.refresh();
          })
        }
      >
        Recompute walk order
      </button>
      {message ? <span role="status" className="text-xs text-slate-600">{message}</span> : null}
    </span>
  );
}
