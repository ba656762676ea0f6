"use client";
import { useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";

interface Contacts {
  owner: { name: string | null; businessName: string | null; phone: string | null; email: string | null; language: string };
  alternate: { name: string | null; phone: string | null; email: string | null } | null;
  contactsErasedAt: string | null;
}

/** Contact details stay hidden until asked for; asking writes an audit entry on the server. */
export function ShowContact({ registrationId, incidentId }: { registrationId: string; incidentId?: string | null }) {
  const [contacts, setContacts] = useState<Contacts | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    setError(null);
    const query = incidentId ? `?incident=${encodeURIComponent(incidentId)}` : "";
    const res = await fetchJson<Contacts>(`/api/registrations/${registrationId}/contacts${query}`);
    if (!res.ok) {
      setError(res.status ? `Could not load the contact (${res.status}).` : "Could not reach the server.");
      return;
    }
    setContacts(res.data);
  }

  if (!contacts) {
    return (
      <div>
        <button type="button" onClick={() => void load()} className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100">
          Show contact
        </button>
        <span className="ml-1 text-[11px] text-slate-500">(logged)</span>
        {error && <p className="text-xs text-red-700">{error}</p>}
      </div>
    );
  }
  if (contacts.contactsErasedAt) return <p className="text-xs text-slate-600">Contact details were erased after the registration was withdrawn.</p>;
  const { owner, alternate } = contacts;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 rounded bg-slate-50 p-2 text-xs" aria-label="Contact">
      <dt className="text-slate-500">Owner</dt>
      <dd>
        {owner.name}
        {owner.businessName ? ` — ${owner.businessName}` : ""}
      </dd>
      <dt className="text-slate-500">Language</dt>
      <dd data-testid="owner-language">{owner.language}</dd>
      {owner.phone && (
        <>
          <dt className="text-slate-500">Phone</dt>
          <dd>
            <a className="underline" href={`tel:${owner.phone}`}>
              {owner.phone}
            </a>
          </dd>
        </>
      )}
      {owner.email && (
        <>
          <dt className="text-slate-500">E-mail</dt>
          <dd>
            <a className="underline" href={`mailto:${owner.email}`}>
              {owner.email}
            </a>
          </dd>
        </>
      )}
      {alternate && (
        <>
          <dt className="text-slate-500">Alternate</dt>
          <dd>{[alternate.name, alternate.phone, alternate.email].filter(Boolean).join(" · ")}</dd>
        </>
      )}
    </dl>
  );
}
