import "server-only";
/** Contact details of registrations: PII, read only through audited routes. */
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { registrations } from "@/db/schema";

export interface RegistrationContacts {
  registrationId: string;
  owner: { name: string | null; businessName: string | null; phone: string | null; email: string | null };
  alternate: { name: string | null; phone: string | null; email: string | null } | null;
  /** Set once the contacts were erased after withdrawal. */
  contactsErasedAt: string | null;
}

export async function readContacts(db: Pick<Db, "select">, registrationIds: string[]): Promise<RegistrationContacts[]> {
  if (registrationIds.length === 0) return [];
  const rows = await db
    .select({
      id: registrations.id,
      ownerName: registrations.ownerName,
      businessName: registrations.businessName,
      ownerPhone: registrations.ownerPhone,
      ownerEmail: registrations.ownerEmail,
      alternateName: registrations.alternateName,
      alternatePhone: registrations.alternatePhone,
      alternateEmail: registrations.alternateEmail,
      contactsErasedAt: registrations.contactsErasedAt,
    })
    .from(registrations)
    .where(inArray(registrations.id, registrationIds));
  return rows.map((r) => ({
    registrationId: r.id,
    owner: { name: r.ownerName, businessName: r.businessName, phone: r.ownerPhone, email: r.ownerEmail },
    alternate:
      r.alternateName || r.alternatePhone || r.alternateEmail
        ? { name: r.alternateName, phone: r.alternatePhone, email: r.alternateEmail }
        : null,
    contactsErasedAt: r.contactsErasedAt ? r.contactsErasedAt.toISOString() : null,
  }));
}
