"use client";
/** A supervisor corrects a registration; the answer lists what changed (the audit entry holds the same list). */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RegistrationForm, type MapConfig } from "@/components/registration/registration-form";
import { toFormState } from "@/components/registration/manage-panel";
import type { OwnerView } from "@/lib/registration/manage";
import { OwnerLanguageSelect } from "./owner-language-select";

/** Column names as staff say them. */
const FIELD_NAMES: Record<string, string> = {
  ownerName: "owner's name",
  businessName: "business name",
  ownerPhone: "owner's phone",
  ownerEmail: "owner's e-mail",
  alternateName: "alternate contact's name",
  alternatePhone: "alternate contact's phone",
  alternateEmail: "alternate contact's e-mail",
  addressLine1: "street address",
  addressUnit: "unit",
  addressCity: "city",
  addressState: "state",
  addressZip: "ZIP code",
  cameraLocations: "camera locations",
  cameraCount: "number of cameras",
  retentionDays: "days footage is kept",
  playback: "playback",
  recordsStreetTraffic: "records the street",
  recordingMode: "recording mode",
  streetView: "street view",
  notes: "notes",
  cameras: "cameras",
  location: "map location",
  locale: "owner's language",
};

export function StaffRegistrationEdit(p: { id: string; view: OwnerView; map: MapConfig; agencyName: string; languages: { locale: string; name: string }[] }) {
  const router = useRouter();
  const [changed, setChanged] = useState<string | null>(null);
  // Sent with the answers, so a correction keeps the owner's language unless staff change it here.
  const [language, setLanguage] = useState(p.view.locale);
  return (
    <div className="space-y-3">
      <p role="status" data-testid="staff-edit-result" className="font-medium">
        {changed}
      </p>
      <OwnerLanguageSelect
        label="Owner's language"
        hint="Their e-mails (private link, reminders) go in this language."
        name="ownerLanguage"
        testId="owner-language"
        value={language}
        onChange={setLanguage}
        languages={p.languages}
      />
      <RegistrationForm
        mode="edit"
        language={language}
        map={p.map}
        agencyName={p.agencyName}
        initial={toFormState(p.view)}
        siteLocation={p.view.location}
        endpoint={{ url: `/api/registrations/${p.id}`, method: "PUT" }}
        onSaved={(answer) => {
          const changes = (answer as { changes?: { field: string }[] }).changes ?? [];
          setChanged(changes.length ? `Saved. Changed: ${changes.map((c) => FIELD_NAMES[c.field] ?? c.field).join(", ")}.` : "Nothing was different; nothing saved.");
          router.refresh();
        }}
      />
    </div>
  );
}
