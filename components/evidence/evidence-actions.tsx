"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fetchJson, problemsOf } from "@/lib/http/fetch-json";

/** Play (MP4/WebM) or download one item; both ask why, and the server logs it in the custody log. */
export function EvidenceActions({ itemId, playable }: { itemId: string; playable: boolean }) {
  const [reason, setReason] = useState("");
  const [playing, setPlaying] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const q = `reason=${encodeURIComponent(reason.trim())}`;
  const ready = reason.trim().length >= 3;

  async function download() {
    setProblem(null);
    // Ask first without following: a refused download answers JSON, not a file.
    const res = await fetch(`/api/evidence/${itemId}/download?${q}`, { method: "GET" });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string; errors?: Record<string, string> };
      return setProblem(body.error ?? Object.values(body.errors ?? {}).join("; ") ?? `failed (${res.status})`);
    }
    const blob = await res.blob();
    const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get("content-disposition") ?? "")?.[1];
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name ? decodeURIComponent(name) : itemId;
    a.click();
    URL.revokeObjectURL(a.href);
  }

  return (
    <div className="mt-2 space-y-2">
      <div className="flex flex-wrap items-end gap-2 text-sm">
        <label className="grow">
          <span className="block text-xs font-medium text-slate-700">Reason (logged with your name)</span>
          <input name="reason" className="w-full rounded border border-slate-300 px-2 py-1" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="e.g. review for suspect vehicle" />
        </label>
        {playable ? (
          <button type="button" disabled={!ready} className="rounded bg-brand-700 px-3 py-1 font-medium text-white disabled:opacity-50" onClick={() => setPlaying(`/api/evidence/${itemId}/play?${q}`)}>
            Play
          </button>
        ) : null}
        <button type="button" disabled={!ready} className="rounded border border-brand-700 px-3 py-1 text-brand-700 disabled:opacity-50" onClick={() => void download()}>
          Download
        </button>
      </div>
      {problem ? <p role="alert" className="text-sm text-red-700">{problem}</p> : null}
      {playing ? <video data-testid="evidence-player" src={playing} controls autoPlay muted className="max-h-96 w-full bg-black" /> : null}
    </div>
  );
}

/** Offer to record the stop's outcome as "footage collected" once footage has arrived. */
export function FootageCollectedOffer({ entryId }: { entryId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="text-xs">
      <button
        type="button"
        disabled={pending}
        className="rounded border border-green-700 px-2 py-0.5 text-green-800"
        onClick={() =>
          startTransition(async () => {
            const r = await fetchJson(`/api/canvass-entries/${entryId}`, { method: "PATCH", body: { outcome: "footage_collected" } });
            if (!r.ok) return setError(Object.values(problemsOf(r)).join("; "));
            router.refresh();
          })
        }
      >
        Set outcome to “footage collected”
      </button>
      {error ? <span className="ml-2 text-red-700">{error}</span> : null}
    </span>
  );
}

/** The prosecutor's package: a ZIP of every file with CSV and PDF manifests, itself hashed and logged. */
export function PackageExport({ incidentId }: { incidentId: string }) {
  const [reason, setReason] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-wrap items-end gap-2 rounded border border-slate-200 bg-white p-3 text-sm" data-testid="package-export">
      <label className="grow">
        <span className="block text-xs font-medium text-slate-700">Evidence package for the prosecutor: reason (logged)</span>
        <input name="packageReason" className="w-full rounded border border-slate-300 px-2 py-1" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="e.g. discovery for case 26-12345" />
      </label>
      <button
        type="button"
        disabled={pending || reason.trim().length < 3}
        className="rounded bg-brand-700 px-3 py-1 font-medium text-white disabled:opacity-50"
        onClick={() =>
          startTransition(async () => {
            setStatus(null);
            const res = await fetch(`/api/incidents/${incidentId}/evidence/package?reason=${encodeURIComponent(reason.trim())}`);
            if (!res.ok) {
              const body = (await res.json().catch(() => ({}))) as { error?: string };
              return setStatus(body.error ?? `failed (${res.status})`);
            }
            const blob = await res.blob();
            const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "evidence.zip";
            const a = document.createElement("a");
            a.href = URL.createObjectURL(blob);
            a.download = name;
            a.click();
            URL.revokeObjectURL(a.href);
            setStatus(`Package SHA-256 ${res.headers.get("x-package-sha256")}`);
          })
        }
      >
        Export package (ZIP)
      </button>
      {status ? (
        <p className="w-full break-all text-xs" role="status" data-testid="package-status">
          {status}
        </p>
      ) : null}
    </div>
  );
}
