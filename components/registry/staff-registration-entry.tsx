"use client";
/**
 * Staff enter a registration for a resident on the phone: the public form's
 * questions (read them out; the terms too, and tick consent only when the
 * caller agrees), sent to the staff route. Afterwards: what was stored, and the
 * owner's private link to read out or send (it is shown once).
 */
import Link from "next/link";
import { useState } from "react";
import { RegistrationForm, type MapConfig } from "@/components/registration/registration-form";
import { emptyForm } from "@/components/registration/form-model";
import { locationMethodLabel, statusLabel } from "@/lib/registration/labels";
import { OwnerLanguageSelect } from "./owner-language-select";

interface StaffCreated {
  id: string;
  status: string;
  duplicateOf: string | null;
  manageUrl: string;
  location: { lat: number; lng: number } | null;
  geocode: { method: string | null; matchedAddress: string | null };
  emailed: boolean;
}

/** A language the registrant can be written to in, with the terms to read out in it. */
export interface CallerLanguage {
  locale: string;
  name: string;
  termsText: string;
  /** false: the agency has no terms in this language, the English ones are shown (and the form says so). */
  termsTranslated: boolean;
}

export function StaffRegistrationEntry(p: { map: MapConfig; languages: CallerLanguage[]; agencyName: string; defaultCity: string; defaultState: string }) {
  const [created, setCreated] = useState<StaffCreated | null>(null);
  // The caller's language, asked first: their e-mails (link, reminders) go in it, and the terms are read out in it.
  const [language, setLanguage] = useState(p.languages[0]?.locale ?? "en");
  const chosen = p.languages.find((l) => l.locale === language) ?? p.languages[0];
  if (created) {
    return (
      <div className="space-y-3 rounded-md border border-green-800 bg-white p-4" role="status" data-testid="staff-created">
        <h2 className="text-xl font-semibold">Registered</h2>
        <p>
          Status: <strong>{statusLabel(created.status)}</strong>.{" "}
          {created.location
            ? `On the map (${locationMethodLabel(created.geocode.method)}${created.geocode.matchedAddress ? `: ${created.geocode.matchedAddress}` : ""}).`
            : "The address could not be placed on the map: it waits in the review queue for someone to place the pin."}
        </p>
        {created.duplicateOf && (
          <p>
            This address was already registered: the new registration is held in the review queue as a possible duplicate of{" "}
            <Link className="underline" href={`/registry/${created.duplicateOf}`}>
              the earlier one
            </Link>
            .
          </p>
        )}
        <p>
          {created.emailed ? "The owner's private link was e-mailed to them. " : "E-mail is not configured: give the owner their private link now (it is shown only once). "}
          <span className="break-all font-mono text-sm" data-testid="owner-link">
            {created.manageUrl}
          </span>
        </p>
        <p className="flex flex-wrap gap-3">
          <Link className="underline" href={`/registry/${created.id}`}>
            Open the registration
          </Link>
          <button type="button" className="min-h-11 rounded-md border-2 border-brand-700 px-3 text-brand-700" onClick={() => setCreated(null)}>
            Register another caller
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <OwnerLanguageSelect
        label="Caller's language"
        hint="E-mails to the owner (their private link, reminders) go in this language; read the terms out in it."
        name="callerLanguage"
        testId="caller-language"
        value={language}
        onChange={setLanguage}
        languages={p.languages}
      />
      <RegistrationForm
      mode="register"
      language={language}
      map={p.map}
      termsText={chosen?.termsText ?? ""}
      termsTranslated={chosen?.termsTranslated ?? true}
      agencyName={p.agencyName}
      initial={emptyForm({ city: p.defaultCity, state: p.defaultState })}
      endpoint={{ url: "/api/registrations/by-staff", method: "POST" }}
      onRegistered={(result) => {
        setCreated(result as unknown as StaffCreated);
        window.scrollTo(0, 0);
      }}
      />
    </div>
  );
}
