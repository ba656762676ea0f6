"use client";
/** After submitting: the private management link (shown once) and the pin to confirm. */
import { useEffect, useRef } from "react";
import { PinConfirm } from "./pin-confirm";
import type { MapConfig, SubmitResult } from "./registration-form";

export function RegistrationConfirmation({ result, map, contactEmail }: { result: SubmitResult; map: MapConfig; contactEmail: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const token = result.manageUrl.split("/manage/")[1] ?? "";
  return (
    <div className="space-y-4">
      <h2 ref={heading} tabIndex={-1} className="text-2xl font-bold">
        Thank you — your cameras are registered
      </h2>
      <p>
        {result.location
          ? "Your registration is saved. Staff check every new registration; you can change it at any time with your private link."
          : "We could not place your address on the map automatically. Your registration is saved and staff will review it."}
      </p>
      <section aria-labelledby="link-title" className="rounded-md border-2 border-amber-600 bg-amber-50 p-4">
        <h2 id="link-title" className="text-lg font-semibold">
          Your private link
        </h2>
        <p className="mt-1 text-sm">
          Keep this link to update your registration, confirm it is still current, or withdraw it. Anyone with the link can change
          your registration, so do not share it. {result.emailed ? "We have also sent it to your e-mail." : "Save or bookmark it now: it is shown only once."}
        </p>
        <p className="mt-2 break-all">
          <a className="font-mono text-brand-700 underline" href={result.manageUrl} data-testid="manage-link">
            {result.manageUrl}
          </a>
        </p>
      </section>
      <PinConfirm
        token={token}
        location={result.location}
        matchedAddress={result.geocode.matchedAddress}
        fallbackCenter={{ lat: map.centerLat, lng: map.centerLng }}
        map={map}
        confirmed={false}
      />
      <p className="text-sm">
        Questions? Write to{" "}
        <a className="underline" href={`mailto:${contactEmail}`}>
          {contactEmail}
        </a>
        .
      </p>
    </div>
  );
}
