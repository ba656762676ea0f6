"use client";
import { useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import type { LngLat } from "@/lib/investigation/workspace-types";

/**
 * Type an address → the agency's geocoder (GET /api/geocode?q=) → the pin.
 * Until a geocoder is configured the endpoint may answer 404/501; say so plainly.
 */
type GeocodeAnswer = { found: boolean; lat: number; lng: number; matchedAddress?: string; suggestions?: string[] };

export function AddressSearch({ onFound, label = "Address", found = "Found" }: { onFound: (at: LngLat, label: string) => void; label?: string; found?: string }) {
  const [q, setQ] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function find() {
    if (!q.trim()) return;
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetchJson<GeocodeAnswer>(`/api/geocode?q=${encodeURIComponent(q.trim())}`);
      if (res.status === 0) {
        setMessage("Address search could not reach the server.");
        return;
      }
      if (res.status === 404 || res.status === 501) {
        setMessage("Address search is not available on this server yet; click the map to drop the pin.");
        return;
      }
      if (!res.ok || !res.data) {
        setMessage((!res.ok && res.error) || `Address search failed (${res.status}).`);
        return;
      }
      const body = res.data;
      if (body.found && Number.isFinite(body.lat) && Number.isFinite(body.lng)) {
        onFound([body.lng, body.lat], body.matchedAddress ?? q);
        setMessage(`${found}: ${body.matchedAddress ?? q}`);
      } else {
        const hints: string[] = body.suggestions ?? [];
        setMessage(`No match for that address.${hints.length ? ` Did you mean ${hints.slice(0, 3).join(", ")}?` : ""}`);
      }
    } catch {
      setMessage("Address search could not reach the server.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <label htmlFor="address-q" className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1 flex gap-1">
        <input
          id="address-q"
          className="min-h-11 min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
          placeholder="10300 W Roosevelt Rd"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void find();
            }
          }}
        />
        <button type="button" onClick={() => void find()} disabled={busy} className="min-h-11 min-w-11 rounded border border-slate-300 bg-white px-3 text-sm hover:bg-slate-100">
          Find
        </button>
      </div>
      {message && (
        <p className="mt-1 text-xs text-slate-700" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
