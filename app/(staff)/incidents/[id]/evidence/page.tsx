import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { canvassEntries, users } from "@/db/schema";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { roleAllows } from "@/lib/auth/roles";
import { env } from "@/lib/env.js";
import { loadIncident } from "@/lib/canvass/load-canvass";
import { incidentLabel } from "@/lib/canvass/canvass-types";
import { listIncidentEvidence, type EvidenceListing } from "@/lib/evidence/evidence-items";
import { describeMedia, storedMedia } from "@/lib/evidence/media-facts";
import { retentionState } from "@/lib/evidence/retention";
import { describeScan } from "@/lib/evidence/virus-scan";
import { formatBytes } from "@/lib/evidence/owner-text";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { EvidenceActions, FootageCollectedOffer, PackageExport } from "@/components/evidence/evidence-actions";
import { LegalHoldPanel } from "@/components/evidence/legal-hold";

export const metadata: Metadata = { title: "Evidence" };
export const dynamic = "force-dynamic";

const PLAYABLE = new Set(["video/mp4", "video/webm"]);

/** The incident's evidence, stop by stop: what arrived, its hash, its custody log; play and download are logged. */
export default async function EvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await requireStaffPage("detective", `/incidents/${id}/evidence`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const incident = await loadIncident(db, id);
  if (!incident) notFound();
  const { timeZone } = agencySettings();
  const items = await listIncidentEvidence(db, id);
  const retention = await retentionState(db, id, env.EVIDENCE_RETENTION_DAYS);
  const [holder] = retention.hold?.setBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, retention.hold.setBy)) : [];
  const purgedAt = (listing: EvidenceListing) => listing.custody.find((e) => e.event === "purged")?.at;
  const received = items.filter((l) => l.item.status !== "purged").length;
  const quarantined = items.filter((l) => l.item.status === "quarantined").length;
  const entries = await db.select({ id: canvassEntries.id, outcome: canvassEntries.outcome }).from(canvassEntries).where(eq(canvassEntries.incidentId, id));
  const outcomeOf = new Map(entries.map((e) => [e.id, e.outcome]));
  const groups = new Map<string, EvidenceListing[]>();
  for (const listing of items) {
    const key = listing.item.canvassEntryId ?? "none";
    groups.set(key, [...(groups.get(key) ?? []), listing]);
  }

  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-600">
          <Link className="underline" href={`/incidents/${id}`}>
            Incident
          </Link>{" "}
          ·{" "}
          <Link className="underline" href={`/incidents/${id}/canvass`}>
            Canvass
          </Link>
        </p>
        <h1 className="text-xl font-bold">Evidence: {incidentLabel(incident, timeZone)}</h1>
        <p className="text-sm text-slate-700" data-testid="evidence-count">
          {received} item{received === 1 ? "" : "s"} received
          {quarantined > 0 ? ` · ${quarantined} quarantined by the virus scanner` : ""}
          {received < items.length ? ` · ${items.length - received} purged under the retention policy` : ""}
        </p>
      </div>
      <LegalHoldPanel
        incidentId={id}
        hold={retention.hold ? { reason: retention.hold.reason, setAtText: formatAgencyTime(retention.hold.setAt, timeZone), setByName: holder?.name ?? null } : null}
        retentionText={
          !env.EVIDENCE_RETENTION_DAYS
            ? "Evidence is kept until a retention period is configured."
            : retention.purgeAfter
              ? `Files are purged after ${formatAgencyTime(retention.purgeAfter, timeZone)} (${env.EVIDENCE_RETENTION_DAYS} days after the incident was closed).`
              : `Files are kept while the incident is open, then ${env.EVIDENCE_RETENTION_DAYS} days.`
        }
        canChange={roleAllows(principal.role, "supervisor")}
      />
      {items.some((l) => l.item.status === "received") ? <PackageExport incidentId={id} /> : null}
      {items.length === 0 ? <p className="text-sm text-slate-600">Nothing received yet. Send footage requests from the canvass stops.</p> : null}
      {[...groups.entries()].map(([entryId, listings]) => (
        <section key={entryId} className="space-y-2" aria-label={listings[0].address ?? "No stop"}>
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 pb-1">
            <h2 className="text-sm font-semibold">
              {listings[0].walkOrder !== null ? `Stop ${listings[0].walkOrder}: ` : ""}
              {listings[0].address ?? "Not tied to a stop"}
            </h2>
            {entryId !== "none" && outcomeOf.get(entryId) !== "footage_collected" ? <FootageCollectedOffer entryId={entryId} /> : null}
          </div>
          <ul className="space-y-3">
            {listings.map((listing) => {
              const { item, custody } = listing;
              return (
              <li key={item.id} className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="evidence-item">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-semibold">{item.originalName}</p>
                  <p className="text-xs text-slate-600">
                    {formatBytes(item.sizeBytes)} · {item.detectedType ?? "unrecognised content"} · {item.source === "in_person" ? "collected in person" : "uploaded by the owner"} · received{" "}
                    {formatAgencyTime(item.receivedAt, timeZone)}
                  </p>
                </div>
                <MediaFacts item={item} timeZone={timeZone} />
                {item.typeMismatch ? (
                  <p className="mt-1 rounded bg-amber-100 px-2 py-1 text-xs text-amber-900" role="note">
                    The content is not what its name says ({item.originalName} is {item.detectedType ?? "not a recognised media file"}).
                  </p>
                ) : null}
                {item.status === "purged" ? (
                  <p className="mt-1 rounded bg-slate-100 px-2 py-1 text-xs text-slate-800" role="note">
                    Purged {formatAgencyTime(purgedAt(listing) ?? null, timeZone)} under the retention policy: the file is gone; its hash and custody log remain.
                  </p>
                ) : null}
                <ScanNote item={item} />
                <p className="mt-1 break-all font-mono text-xs" data-testid="evidence-sha256">
                  SHA-256 {item.sha256}
                </p>
                {item.status === "received" ? <EvidenceActions itemId={item.id} playable={PLAYABLE.has(item.detectedType ?? "")} /> : null}
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs font-medium">Custody log ({custody.length})</summary>
                  <table className="mt-1 w-full text-xs" data-testid="custody-log">
                    <thead>
                      <tr className="text-left text-slate-600">
                        <th className="pr-2">When</th>
                        <th className="pr-2">Event</th>
                        <th className="pr-2">Who</th>
                        <th className="pr-2">Why</th>
                        <th className="pr-2">From</th>
                      </tr>
                    </thead>
                    <tbody>
                      {custody.map((e) => (
                        <tr key={e.id} className="border-t border-slate-100 align-top">
                          <td className="pr-2">{formatAgencyTime(e.at, timeZone)}</td>
                          <td className="pr-2">{e.event.replaceAll("_", " ")}</td>
                          <td className="pr-2">{e.actorLabel}</td>
                          <td className="pr-2">{e.reason ?? ""}</td>
                          <td className="pr-2">{[e.ip, e.userAgent].filter(Boolean).join(" · ")}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The poster frame and what ffprobe found (duration, codec, size, the recorder's start time), or why the video could not be read. */
function MediaFacts({ item, timeZone }: { item: EvidenceListing["item"]; timeZone: string }) {
  const media = storedMedia(item.media);
  if (!media && !item.hasPoster) return null;
  const line = describeMedia(media, timeZone);
  return (
    <div className="mt-2 flex flex-wrap items-start gap-3">
      {item.hasPoster ? (
        // A plain img: the poster comes from an authenticated, uncached route, not Next's image optimiser.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={`/api/evidence/${item.id}/poster`} alt={`Poster frame of ${item.originalName}`} data-testid="evidence-poster" className="h-auto w-60 rounded border border-slate-200 bg-black" />
      ) : null}
      {media?.kind === "unreadable" ? (
        <p className="rounded bg-amber-100 px-2 py-1 text-xs text-amber-900" role="note" data-testid="evidence-media">
          Flagged: the {line}. The file is kept as received; download it to open it with the recorder&apos;s own player.
        </p>
      ) : line ? (
        <p className="text-xs text-slate-700" data-testid="evidence-media">
          {line}
        </p>
      ) : null}
    </div>
  );
}

/** The virus scan's outcome: quarantined (red, the file cannot leave), not scanned (amber, with why), clean (plain). Nothing when no scanner was configured. */
function ScanNote({ item }: { item: EvidenceListing["item"] }) {
  if (item.status === "purged" || item.scanStatus === null) return null;
  const text = describeScan(item);
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  if (item.status === "quarantined") {
    return (
      <p className="mt-1 rounded bg-red-100 px-2 py-1 text-xs text-red-900" role="alert" data-testid="evidence-scan">
        {sentence}. The file is kept as received, but it cannot be played, downloaded or put in a package here; the alert is in the audit trail.
      </p>
    );
  }
  if (item.scanStatus === "not_scanned" || item.scanStatus === "pending") {
    return (
      <p className="mt-1 rounded bg-amber-100 px-2 py-1 text-xs text-amber-900" role="note" data-testid="evidence-scan">
        {sentence}. It is scanned again before anyone opens it while a virus scanner is configured.
      </p>
    );
  }
  return (
    <p className="mt-1 text-xs text-slate-700" data-testid="evidence-scan">
      {sentence}
    </p>
  );
}
