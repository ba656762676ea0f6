"use client";
/**
 * Supervisors' queue: each registration needing review with its actions
 * (fix pin, verify, activate, reject, merge into a possible duplicate), plus
 * the stale list. Every action is a POST to /api/review/[id], audited there.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import type { ReviewQueueItem } from "@/lib/registration/review";
import { PinMapLoader } from "@/components/registration/map-loaders";

type Map = { centerLat: number; centerLng: number; tileUrl: string; tileAttribution: string };

function Item({ item, map }: { item: ReviewQueueItem; map: Map }) {
  const router = useRouter();
  const [pin, setPin] = useState(item.location ?? { lat: map.centerLat, lng: map.centerLng });
  const [showMap, setShowMap] = useState(false);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState("");

  async function act(body: Record<string, unknown>) {
    const answer = await fetchJson(`/api/review/${item.id}`, { method: "POST", body });
    if (answer.ok) {
      setMessage(`Done: ${body.action}`);
      router.refresh();
    } else setMessage(Object.keys(answer.errors).length ? Object.values(answer.errors).join("; ") : (answer.error ?? "Failed; please try again."));
  }

  return (
    <li className="rounded-md border border-slate-300 bg-white p-4" data-testid="review-item">
      <h3 className="font-semibold">{item.address}</h3>
      <p className="text-sm">
        {item.owner.name ?? "(contact erased)"}
        {item.owner.businessName ? ` — ${item.owner.businessName}` : ""} · {item.owner.phone} · {item.owner.email} · speaks {item.owner.language}
      </p>
      <p className="text-sm text-slate-700">
        {item.status} · {item.reviewReason ?? "no reason recorded"} · {item.location ? `located (${item.locationMethod})` : "NOT on the map"} · {item.cameraCount} camera(s) · via {item.source}
      </p>
      {item.duplicateOfId && (
        <p className="mt-2 text-sm font-medium" data-testid="held-duplicate">
          Held: a public submission for an address that was already registered. Merge it into the earlier registration or activate it.
        </p>
      )}
      {item.possibleDuplicates.length > 0 && (
        <div className="mt-2 text-sm">
          Possible duplicates:
          {item.possibleDuplicates.map((d) => (
            <button key={d.id} type="button" onClick={() => act({ action: "merge_into", targetId: d.id })} className="ml-2 min-h-11 rounded-md border-2 border-slate-600 px-2">
              Merge into {d.ownerName ?? d.id.slice(0, 8)}
            </button>
          ))}
        </div>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" onClick={() => setShowMap((v) => !v)} aria-expanded={showMap} className="min-h-11 rounded-md border-2 border-slate-600 px-3">
          {showMap ? "Hide map" : "Fix pin"}
        </button>
        <button type="button" onClick={() => act({ action: "verify" })} className="min-h-11 rounded-md bg-brand-700 px-3 font-semibold text-white">
          Verify
        </button>
        <button type="button" onClick={() => act({ action: "activate" })} className="min-h-11 rounded-md border-2 border-brand-700 px-3 text-brand-700">
          Activate
        </button>
      </div>
      {showMap && (
        <div className="mt-2">
          <PinMapLoader pin={pin} original={item.location} onChange={(v) => setPin({ lat: v.lat, lng: v.lng })} map={map} showStreets />
          <button type="button" onClick={() => act({ action: "set_pin", pin })} className="mt-2 min-h-11 rounded-md bg-brand-700 px-3 text-white">
            Save pin at {pin.lat.toFixed(5)}, {pin.lng.toFixed(5)}
          </button>
        </div>
      )}
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`reject-${item.id}`} className="block text-sm font-medium">
            Reason to reject
          </label>
          <input id={`reject-${item.id}`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} className="rounded-md border border-slate-500 px-2 py-2" />
        </div>
        <button type="button" onClick={() => act({ action: "reject", reason })} className="min-h-11 rounded-md border-2 border-red-800 px-3 text-red-800">
          Reject
        </button>
      </div>
      <p role="status" className="mt-2 text-sm">
        {message}
      </p>
    </li>
  );
}

export function ReviewQueue({ pending, stale, map, reconfirmAfterMonths }: { pending: ReviewQueueItem[]; stale: ReviewQueueItem[]; map: Map; reconfirmAfterMonths: number }) {
  const [reminders, setReminders] = useState("");
  async function sendReminders() {
    const res = await fetchJson<{ sent: number }>("/api/review/reminders", { method: "POST" });
    setReminders(res.ok ? `Reminders sent: ${res.data.sent}` : (res.error ?? "Could not send reminders"));
  }
  return (
    <div className="space-y-8">
      <section aria-labelledby="pending-title">
        <h2 id="pending-title" className="text-xl font-semibold">
          New and changed ({pending.length})
        </h2>
        {pending.length === 0 ? <p>Nothing to review.</p> : <ul className="mt-3 space-y-3">{pending.map((i) => <Item key={i.id} item={i} map={map} />)}</ul>}
      </section>
      <section aria-labelledby="stale-title">
        <h2 id="stale-title" className="text-xl font-semibold">
          Not confirmed for {reconfirmAfterMonths} months ({stale.length})
        </h2>
        <button type="button" onClick={sendReminders} className="mt-2 min-h-11 rounded-md border-2 border-brand-700 px-3 text-brand-700">
          E-mail reminders to these owners
        </button>
        <p role="status">{reminders}</p>
        <ul className="mt-3 space-y-2">
          {stale.map((s) => (
            <li key={s.id} className="rounded-md border border-slate-300 bg-white p-3 text-sm">
              {s.address} · {s.owner.name} · last confirmed {s.lastConfirmedAt.slice(0, 10)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
