"use client";
/**
 * After submitting, only the confirmation: what was registered, the private
 * link (shown once) with a copy button and whether it was e-mailed, the pin to
 * confirm, and what happens next.
 */
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { CopyLink } from "./copy-link";
import type { RegistrationFormState } from "./form-model";
import { PinConfirm } from "./pin-confirm";
import type { MapConfig, SubmitResult } from "./registration-form";

export function RegistrationConfirmation({ result, form, map, contactEmail, mailConfigured }: { result: SubmitResult; form: RegistrationFormState; map: MapConfig; contactEmail: string; mailConfigured: boolean }) {
  const t = useTranslations("confirmation");
  const tf = useTranslations("form");
  const tc = useTranslations("common");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Saved, but the reference data did not confirm the address: say so, not "registered".
  const held = result.status === "pending_review" && result.geocode.status !== undefined && result.geocode.status !== "found";
  const token = result.manageUrl.split("/manage/")[1] ?? "";
  const a = form.address;
  const positions = [...new Set(form.cameras.map((c) => c.position).filter(Boolean))].map((p) => tf(`positions.${p}`));
  const retention = form.retentionDays.trim() === "" ? t("summaryRetentionUnknown") : t("summaryRetentionValue", { days: Number(form.retentionDays) });
  return (
    <div className="space-y-6">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold sm:text-3xl">
        {held ? t("titleHeld") : t("title")}
      </h1>
      <p>{held && result.location ? t("held") : result.location ? t("placed") : t("notPlaced")}</p>

      <section aria-labelledby="link-title" className="rounded-md border-2 border-amber-600 bg-amber-50 p-4">
        <h2 id="link-title" className="text-lg font-semibold">
          {t("linkTitle")}
        </h2>
        <p className="mt-1 text-sm">{t("linkIntro")}</p>
        <CopyLink url={result.manageUrl} />
        <p className="mt-2 text-sm font-medium" data-testid="email-note">
          {result.emailed ? t("emailed", { email: form.owner.email }) : mailConfigured ? t("emailFailed") : t("notEmailed")}
        </p>
      </section>

      <section aria-labelledby="summary-title" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="summary-title" className="text-lg font-semibold">
          {t("summaryTitle")}
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("summaryAddress")}</dt>
          <dd>
            {a.line1}
            {a.unit ? `, ${a.unit}` : ""}, {a.city}, {a.state} {a.zip}
          </dd>
          <dt className="font-medium">{t("summaryCameras")}</dt>
          <dd>{t("summaryCamerasValue", { count: Number(form.cameraCount) || form.cameras.length, list: positions.join(", ") })}</dd>
          <dt className="font-medium">{t("summaryRecording")}</dt>
          <dd>{form.recordingMode ? tf(`recordingModes.${form.recordingMode}`) : tf("recordingModes.unknown")}</dd>
          <dt className="font-medium">{t("summaryRetention")}</dt>
          <dd>{retention}</dd>
        </dl>
      </section>

      <PinConfirm
        token={token}
        location={result.location}
        matchedAddress={result.geocode.matchedAddress}
        placedByResident={result.geocode.method === "manual" && !result.geocode.matchedAddress}
        fallbackCenter={{ lat: map.centerLat, lng: map.centerLng }}
        map={map}
        confirmed={false}
      />

      <section aria-labelledby="next-title">
        <h2 id="next-title" className="text-lg font-semibold">
          {t("nextTitle")}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>{t("next1")}</li>
          <li>{t("next2")}</li>
          <li>{t("next3")}</li>
        </ul>
      </section>
      <p className="text-sm">{tc("questionsWriteTo", { email: contactEmail })}</p>
    </div>
  );
}
