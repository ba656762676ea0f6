import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { languageNameForStaff } from "@/lib/i18n/config";
import { languageNames } from "@/lib/i18n/locales";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { locationMethodLabel, sourceLabel, statusLabel } from "@/lib/registration/labels";
import { loadForStaffEdit } from "@/lib/registration/staff-edit";
import { formatAgencyDate } from "@/lib/time/agency-time";
import { StaffRegistrationEdit } from "@/components/registry/staff-registration-edit";

export const metadata: Metadata = { title: "Registration" };
export const dynamic = "force-dynamic";

/** Supervisor: one registration with its contacts (the page view is logged as a contact read) and the edit form. */
export default async function RegistrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await requireStaffPage("supervisor", `/registry/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const found = await loadForStaffEdit(await getDb(), id, { userId: principal.userId, label: principal.email });
  if (!found) notFound();
  const { row, view } = found;
  const agency = agencySettings();
  const closed = row.status === "withdrawn" || row.status === "inactive" || row.mergedIntoId !== null;
  const address = [row.addressLine1, row.addressUnit, row.addressCity, row.addressState, row.addressZip].filter(Boolean).join(", ");
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p className="text-sm">
        <Link className="underline" href="/registry">
          Registry
        </Link>{" "}
        › {address}
      </p>
      <h1 className="text-2xl font-bold">{address}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md border border-slate-300 bg-white p-3 text-sm">
        <dt className="text-slate-600">Status</dt>
        <dd data-testid="registration-status">
          {statusLabel(row.status)}
          {row.needsReview ? " · in the review queue" : ""}
          {row.verifiedAt ? " · verified by staff" : ""}
        </dd>
        <dt className="text-slate-600">On the map</dt>
        <dd>{row.location ? locationMethodLabel(row.locationMethod) : "not yet"}</dd>
        <dt className="text-slate-600">Entered through</dt>
        <dd>{sourceLabel(row.source)}</dd>
        <dt className="text-slate-600">Owner&apos;s language</dt>
        <dd data-testid="registration-language">{languageNameForStaff(row.locale)} (their e-mails are written in it)</dd>
        <dt className="text-slate-600">Registered</dt>
        <dd>{formatAgencyDate(row.createdAt, agency.timeZone)}</dd>
        <dt className="text-slate-600">Last confirmed by the owner</dt>
        <dd>{formatAgencyDate(row.lastConfirmedAt, agency.timeZone)}</dd>
      </dl>
      <p className="text-xs text-slate-600">Opening this page is logged as a read of the owner&apos;s contact details. Every change you save is logged with what changed.</p>
      {closed ? (
        <p className="rounded-md border border-slate-300 bg-white p-3" data-testid="closed-note">
          This registration is closed ({statusLabel(row.status).toLowerCase()}), so it cannot be edited. The owner can reopen it through their link, or register again.
        </p>
      ) : view.contactsErased ? (
        <p>The contact details were erased; this registration cannot be edited.</p>
      ) : (
        <StaffRegistrationEdit
          id={row.id}
          view={view}
          agencyName={agency.name}
          languages={languageNames()}
          map={{ centerLat: agency.map.centerLat, centerLng: agency.map.centerLng, tileUrl: agency.map.tileUrl, tileAttribution: agency.map.tileAttribution }}
        />
      )}
    </div>
  );
}
