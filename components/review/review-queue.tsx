"use client";
/**
 * Supervisors' queue: each registration needing review with its actions
 * (fix pin, verify, activate, reject, merge into a possible duplicate), plus
 * the stale list. Every action is a POST to /api/review/[id], audited there.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import type { ReviewQueueItem } from "@/lib/registration/review";
import { formatAgencyDate } from "@/lib/time/agency-time";
import { PinMapLoader } from "@/components/registration/map-loaders";
import { GeocodeCandidates, needsGeocodeCandidates } from "./geocode-candidates";

type Map = { centerLat: number; centerLng: number; tileUrl: string; tileAttribution: string };
const ACTION_DONE: Record<string, string> = {
  verify: "Verified and active",
  activate: "Active",
  reject: "Rejected",
  set_pin: "Pin saved",
  merge_into: "Merged",
};

export interface ReviewQueueData {
  pending: ReviewQueueItem[];
  stale: ReviewQueueItem[];
  pendingTotal: number;
  staleTotal: number;
  page: number;
  stalePage: number;
  pageSize: number;
}

function Item({ item, map, timeZone }: { item: ReviewQueueItem; map: Map; timeZone: string }) {
  const router = useRouter();
  const [pin, setPin] = useState(item.location ?? { lat: map.centerLat, lng: map.centerLng });
  const [showMap, setShowMap] = useState(false);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState("");

  async function act(body: Record<string, unknown>) {
    const answer = await fetchJson(`/api/review/${item.id}`, { method: "POST", body });
    if (answer.ok) {
      setMessage(`Done: ${ACTION_DONE[String(body.action)] ?? String(body.action)}`);
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
        <span className="font-medium" data-testid="review-status">
          {item.statusLabel}
        </span>{" "}
        · {item.reviewReason ?? "no reason recorded"} · {item.location ? `on the map (${item.locationLabel})` : "NOT on the map"} · {item.cameraCount}{" "}
        {item.cameraCount === 1 ? "camera" : "cameras"} · entered through {item.sourceLabel} · last confirmed {formatAgencyDate(item.lastConfirmedAt, timeZone)} ·{" "}
        <Link className="underline" href={`/registry/${item.id}`}>
          open in the registry
        </Link>
      </p>
      {needsGeocodeCandidates(item.reviewReason) && <GeocodeCandidates address={item.address} onUse={(place) => act({ action: "set_pin", pin: place })} />}
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
        {item.closedByOwner ? (
          <p className="self-center text-sm" data-testid="closed-by-owner">
            The owner closed this registration. It cannot be switched back on here: the owner can reopen it through their link, or register again.
          </p>
        ) : (
          <>
            <button type="button" onClick={() => act({ action: "verify" })} className="min-h-11 rounded-md bg-brand-700 px-3 font-semibold text-white">
              Verify
            </button>
            <button type="button" onClick={() => act({ action: "activate" })} className="min-h-11 rounded-md border-2 border-brand-700 px-3 text-brand-700">
              Activate
            </button>
          </>
        )}
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

/** "Page 2 of 5" with previous / next links that keep the other list's page. */
function Pager({ label, param, page, total, pageSize, other }: { label: string; param: "page" | "stalePage"; page: number; total: number; pageSize: number; other: Record<string, number> }) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (pageCount <= 1) return null;
  const href = (p: number) => `/review?${new URLSearchParams({ ...Object.fromEntries(Object.entries(other).map(([k, v]) => [k, String(v)])), [param]: String(p), pageSize: String(pageSize) })}`;
  return (
    <nav aria-label={label} className="mt-3 flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link className="inline-flex min-h-11 items-center rounded-md border-2 border-slate-600 px-3" href={href(page - 1)}>
          Previous
        </Link>
      ) : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className="inline-flex min-h-11 items-center rounded-md border-2 border-slate-600 px-3" href={href(page + 1)}>
          Next
        </Link>
      ) : null}
    </nav>
  );
}

export function ReviewQueue({ queue, map, reconfirmAfterMonths, timeZone }: { queue: ReviewQueueData; map: Map; reconfirmAfterMonths: number; timeZone: string }) {
  const [reminders, setReminders] = useState("");
  async function sendReminders() {
    const res = await fetchJson<{ sent: number }>("/api/review/reminders", { method: "POST" });
    setReminders(res.ok ? `Reminders sent: ${res.data.sent}` : (res.error ?? "Could not send reminders"));
  }
  const { pending, stale } = queue;
  return (
    <div className="space-y-8">
      <section aria-labelledby="pending-title">
        <h2 id="pending-title" className="text-xl font-semibold">
          New and changed ({queue.pendingTotal})
        </h2>
        {pending.length === 0 ? <p>Nothing to review.</p> : <ul className="mt-3 space-y-3">{pending.map((i) => <Item key={i.id} item={i} map={map} timeZone={timeZone} />)}</ul>}
        <Pager label="New and changed pages" param="page" page={queue.page} total={queue.pendingTotal} pageSize={queue.pageSize} other={{ stalePage: queue.stalePage }} />
      </section>
      <section aria-labelledby="stale-title" id="stale">
        <h2 id="stale-title" className="text-xl font-semibold">
          Stale: not confirmed by the owner for {reconfirmAfterMonths} months ({queue.staleTotal})
        </h2>
        <p className="text-sm text-slate-700">The dashboard counts the same registrations. Reminders e-mail each owner a fresh link to confirm or update.</p>
        <button type="button" onClick={sendReminders} className="mt-2 min-h-11 rounded-md border-2 border-brand-700 px-3 text-brand-700">
          E-mail reminders to these owners
        </button>
        <p role="status">{reminders}</p>
        <ul className="mt-3 space-y-2">
          {stale.map((s) => (
            <li key={s.id} className="rounded-md border border-slate-300 bg-white p-3 text-sm" data-testid="stale-item">
              <Link className="underline" href={`/registry/${s.id}`}>
                {s.address}
              </Link>{" "}
              · {s.owner.name} · {s.statusLabel} · last confirmed {formatAgencyDate(s.lastConfirmedAt, timeZone)}
            </li>
          ))}
        </ul>
        <Pager label="Stale pages" param="stalePage" page={queue.stalePage} total={queue.staleTotal} pageSize={queue.pageSize} other={{ page: queue.page }} />
      </section>
    </div>
  );
}
