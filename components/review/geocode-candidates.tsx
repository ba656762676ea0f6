"use client";
/**
 * What the geocoder offers for a registration it could not place or found
 * ambiguous: the candidate places with why each is not a match (direction,
 * ZIP, a similar street name, an equal fit elsewhere), each with "Use this
 * place". Asked live through GET /api/geocode (audited as a staff search), so
 * it reflects the reference data loaded now, not at submission time.
 * Self-contained: give it the address and what to do with a chosen place.
 */
import { useEffect, useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import type { GeocodeAnswer } from "@/lib/geocode/types";

/** Registrations the geocoder did not place by itself (create-registration.ts writes these reasons). */
export const needsGeocodeCandidates = (reviewReason: string | null) => /could not be geocoded|is ambiguous/.test(reviewReason ?? "");

export function GeocodeCandidates({ address, onUse }: { address: string; onUse: (place: { lat: number; lng: number }) => void }) {
  const [answer, setAnswer] = useState<GeocodeAnswer | "failed" | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchJson<GeocodeAnswer>(`/api/geocode?q=${encodeURIComponent(address)}`, { signal: controller.signal })
      .then((res) => setAnswer(res.ok ? res.data : "failed"))
      .catch(() => {});
    return () => controller.abort();
  }, [address]);

  if (answer === null) return <p className="mt-2 text-sm text-slate-700">Asking the geocoder for candidates…</p>;
  if (answer === "failed") return <p className="mt-2 text-sm text-slate-700">The geocoder could not be asked just now.</p>;
  const places = answer.found
    ? [{ address: answer.matchedAddress, lat: answer.lat, lng: answer.lng, reason: `found now (${answer.method}, confidence ${answer.confidence})` }]
    : (answer.candidates ?? []);
  return (
    <div className="mt-2 text-sm" data-testid="geocode-candidates">
      <p className="font-medium">
        Geocoder: {answer.status.replace("_", " ")}
        {!answer.found && answer.reason ? ` — ${answer.reason}` : ""}
      </p>
      {places.length === 0 ? (
        <p>
          No candidate places{!answer.found && answer.suggestions.length > 0 ? `; similar street names: ${answer.suggestions.join(", ")}` : ""}. Place the pin by hand.
        </p>
      ) : (
        <ul className="mt-1 space-y-1">
          {places.map((c) => (
            <li key={`${c.address}|${c.lat}|${c.lng}`} className="flex flex-wrap items-center gap-2">
              <span>
                {c.address} <span className="text-slate-700">({c.reason})</span>
              </span>
              <button type="button" onClick={() => onUse({ lat: c.lat, lng: c.lng })} className="min-h-11 rounded-md border-2 border-brand-700 px-2 text-brand-700">
                Use this place
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
