import type { Metadata } from "next";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { publicActor } from "@/lib/audit/record-audit";
import { clientAddress } from "@/lib/http/client-address";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { openRequestForOwner } from "@/lib/evidence/owner-request";
import { describeRequestedCamera, formatBytes, formatWallTime, OWNER_TEXT, recorderWindowSentence } from "@/lib/evidence/owner-text";
import { evidenceRuntime } from "@/lib/evidence/runtime";
import { OwnerUpload } from "@/components/evidence/owner-upload";

// The token is in the URL: keep it out of search engines and Referer headers.
export const metadata: Metadata = { title: OWNER_TEXT.pageTitle, robots: { index: false, follow: false }, referrer: "no-referrer" };
export const dynamic = "force-dynamic";

function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{OWNER_TEXT.pageTitle}</h1>
      <p className="mt-4 rounded border border-slate-300 bg-white p-4" role="status">
        {children}
      </p>
    </div>
  );
}

/** The owner's page of a footage request: what is asked and why, then upload or decline. Public; the token is the key. */
export default async function UploadPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const h = await headers();
  const view = await openRequestForOwner(await getDb(), token, publicActor(clientAddress(h), h.get("user-agent")));
  if (!view) return <Notice>{OWNER_TEXT.notFound}</Notice>;
  if (view.state === "revoked") return <Notice>{OWNER_TEXT.revoked}</Notice>;
  if (view.state === "expired") return <Notice>{OWNER_TEXT.expired}</Notice>;
  if (view.state === "declined") return <Notice>{OWNER_TEXT.declined}</Notice>;

  const agency = agencySettings();
  const runtime = evidenceRuntime();
  const { request } = view;
  const recorder = recorderWindowSentence(request.windowFrom, request.windowTo, request.clockOffsetS, agency.timeZone);
  const remaining = Math.max(0, runtime.maxRequestBytes - view.receivedBytes - view.pendingBytes);
  return (
    <div className="mx-auto max-w-xl space-y-5">
      <header>
        <h1 className="text-2xl font-bold">{OWNER_TEXT.pageTitle}</h1>
        <p className="mt-2 text-slate-700">{OWNER_TEXT.intro(agency.name)}</p>
      </header>

      <section aria-labelledby="window-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="window-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          {OWNER_TEXT.windowHeading}
        </h2>
        <p className="mt-1 text-lg font-medium" data-testid="request-window">
          {formatAgencyTime(request.windowFrom, agency.timeZone)} – {formatWallTime(request.windowTo, agency.timeZone, false)}
        </p>
        {recorder ? (
          <p className="mt-1 text-slate-800" data-testid="recorder-window">
            {recorder}
          </p>
        ) : null}
        {request.cameras.length > 0 ? (
          <>
            <h3 className="mt-3 text-sm font-semibold uppercase tracking-wide text-slate-600">{OWNER_TEXT.camerasHeading}</h3>
            <ul className="mt-1 list-disc pl-5">
              {request.cameras.map((c, i) => (
                <li key={i}>{describeRequestedCamera(c)}</li>
              ))}
            </ul>
          </>
        ) : null}
        {request.note ? (
          <>
            <h3 className="mt-3 text-sm font-semibold uppercase tracking-wide text-slate-600">{OWNER_TEXT.noteHeading}</h3>
            <p className="mt-1 whitespace-pre-wrap">{request.note}</p>
          </>
        ) : null}
      </section>

      <OwnerUpload
        token={token}
        maxFileBytes={runtime.maxFileBytes}
        remainingBytes={remaining}
        limitsText={OWNER_TEXT.limits(formatBytes(runtime.maxFileBytes), formatBytes(runtime.maxRequestBytes))}
        receivedFiles={view.receivedFiles}
      />

      <p className="text-xs text-slate-600">
        {OWNER_TEXT.privacy} {OWNER_TEXT.expires(formatAgencyTime(request.expiresAt, agency.timeZone))}
      </p>
    </div>
  );
}
