/**
 * What a registration left behind, row by row, so a load or crash test can
 * prove "nothing lost, nothing half-written": each registration with its
 * camera rows, status-history rows and `registration.created` audit entry
 * (all written in one transaction by createRegistration).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export interface RegistrationTrace {
  id: string;
  email: string;
  status: string;
  located: boolean;
  cameras: number;
  history: number;
  audits: number;
}

/** Registrations whose owner e-mail matches a LIKE pattern (each test run tags its e-mails). */
export async function traceRegistrations(db: Db, emailLike: string): Promise<RegistrationTrace[]> {
  const result = await db.execute(sql`
    select r.id, r.owner_email as email, r.status, r.location is not null as located,
      (select count(*) from cameras c where c.registration_id = r.id)::int as cameras,
      (select count(*) from registration_status_history h where h.registration_id = r.id)::int as history,
      (select count(*) from audit_log a
        where a.target_type = 'registration' and a.target_id = r.id::text and a.action = 'registration.created')::int as audits
    from registrations r
    where r.owner_email like ${emailLike}`);
  return result.rows as unknown as RegistrationTrace[];
}

/**
 * Rows that are not whole: a registration without all its cameras (the
 * payload's count), or without its history row or audit entry.
 */
export function halfWritten(traces: RegistrationTrace[], expectedCameras: (email: string) => number | undefined): RegistrationTrace[] {
  return traces.filter((t) => t.cameras !== expectedCameras(t.email) || t.history !== 1 || t.audits !== 1);
}
