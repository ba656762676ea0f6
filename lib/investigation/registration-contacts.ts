import "server-only";
/** Contact details of registrations: PII, read only through audited routes. */
import { and, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { registrations } from "@/db/schema";
import { languageNameForStaff } from "@/lib/i18n/config";

export interface RegistrationContacts {
  registrationId: string;
  /** `language`: the resident's language in English ("Spanish"), so the right person calls. */
  owner: { name: string | null; businessName: string | null; phone: string | null; email: string | null; language: string };
  alternate: { name: string | null; phone: string | null; email: string | null } | null;
  /** Set once the contacts were erased after withdrawal. */
  contactsErasedAt: string | null;
}

/**
 * Contacts of open registrations only (active or awaiting review): a withdrawn
 * or inactive registration's contacts are never served, even before the
 * retention period erases them. Callers treat a missing one as not found.
 */
export async function readContacts(db: Pick<Db, "select">, registrationIds: string[]): Promise<RegistrationContacts[]> {
  if (registrationIds.length === 0) return [];
  const rows = await db
    .select({
      id: registrations.id,
      ownerName: registrations.ownerName,
      businessName: registrations.businessName,
      ownerPhone: registrations.ownerPhone,
      ownerEmail: registrations.ownerEmail,
      locale: registrations.locale,
      alternateName: registrations.alternateName,
      alternatePhone: registrations.alternatePhone,
      alternateEmail: registrations.alternateEmail,
      contactsErasedAt: registrations.contactsErasedAt,
    })
    .from(registrations)
    .where(and(inArray(registrations.id, registrationIds), inArray(registrations.status, ["active", "pending_review"])));
  return rows.map((r) => ({
    registrationId: r.id,
    owner: { name: r.ownerName, businessName: r.businessName, phone: r.ownerPhone, email: r.ownerEmail, language: languageNameForStaff(r.locale) },
    alternate:
      r.alternateName || r.alternatePhone || r.alternateEmail
        ? { name: r.alternateName, phone: r.alternatePhone, email: r.alternateEmail }
        : null,
    contactsErasedAt: r.contactsErasedAt ? r.contactsErasedAt.toISOString() : null,
  }));
}
