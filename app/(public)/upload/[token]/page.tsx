import type { Metadata } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { publicActor } from "@/lib/audit/record-audit";
import { clientAddress } from "@/lib/http/client-address";
import { openRequestForOwner } from "@/lib/evidence/owner-request";
import { describeRequestedCamera, formatBytes, formatRequestWindow, recorderWindowSentence } from "@/lib/evidence/owner-text";
import type { Translate } from "@/lib/i18n/translate";
import { evidenceRuntime } from "@/lib/evidence/runtime";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { OwnerUpload } from "@/components/evidence/owner-upload";

// The token is in the URL: keep it out of search engines and Referer headers.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("upload");
  return { title: t("pageTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}
export const dynamic = "force-dynamic";

function Notice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{title}</h1>
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
  const locale = await getLocale();
  const t = (await getTranslations("upload")) as unknown as Translate;
  const form = (await getTranslations("form")) as unknown as Translate;
  const title = t("pageTitle");
  if (!view) return <Notice title={title}>{t("notFound")}</Notice>;
  if (view.state === "revoked") return <Notice title={title}>{t("revoked")}</Notice>;
  if (view.state === "expired") return <Notice title={title}>{t("expired")}</Notice>;
  if (view.state === "declined") return <Notice title={title}>{t("declined")}</Notice>;

  const agency = agencySettings();
  const runtime = evidenceRuntime();
  const { request } = view;
  const recorder = recorderWindowSentence(request.windowFrom, request.windowTo, request.clockOffsetS, agency.timeZone, t, locale);
  const remaining = Math.max(0, runtime.maxRequestBytes - view.receivedBytes - view.pendingBytes);
  return (
    <div className="mx-auto max-w-xl space-y-5">
      <header>
        <h1 className="text-2xl font-bold">{title}</h1>
        <p className="mt-2 text-slate-700">{t("intro", { agency: agency.name })}</p>
      </header>

      <section aria-labelledby="window-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="window-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          {t("windowHeading")}
        </h2>
        <p className="mt-1 text-lg font-medium" data-testid="request-window">
          {formatRequestWindow(request.windowFrom, request.windowTo, agency.timeZone, locale)}
        </p>
        {recorder ? (
          <p className="mt-1 text-slate-800" data-testid="recorder-window">
            {recorder}
          </p>
        ) : null}
        {request.cameras.length > 0 ? (
          <>
            <h3 className="mt-3 text-sm font-semibold uppercase tracking-wide text-slate-600">{t("camerasHeading")}</h3>
            <ul className="mt-1 list-disc pl-5">
              {request.cameras.map((c, i) => (
                <li key={i}>{describeRequestedCamera(c, t, form, locale)}</li>
              ))}
            </ul>
          </>
        ) : null}
        {request.note ? (
          <>
            <h3 className="mt-3 text-sm font-semibold uppercase tracking-wide text-slate-600">{t("noteHeading")}</h3>
            <p className="mt-1 whitespace-pre-wrap">{request.note}</p>
          </>
        ) : null}
      </section>

      <OwnerUpload
        token={token}
        maxFileBytes={runtime.maxFileBytes}
        remainingBytes={remaining}
        limitsText={t("limits", { perFile: formatBytes(runtime.maxFileBytes, locale), total: formatBytes(runtime.maxRequestBytes, locale) })}
        receivedFiles={view.receivedFiles}
      />

      <p className="text-xs text-slate-600">
        {t("privacy")} {t("expires", { when: formatAgencyTime(request.expiresAt, agency.timeZone, locale) })}
      </p>
    </div>
  );
}
