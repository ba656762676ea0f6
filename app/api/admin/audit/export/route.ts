import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { auditFilterSchema } from "@/lib/audit/audit-filter";
import { auditRowsToCsv, queryAudit } from "@/lib/audit/query-audit";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/http/field-errors";
import { agencySettings } from "@/lib/agency/settings";

export const dynamic = "force-dynamic";

/** A cap so one export cannot exhaust memory; narrow the filter for more. */
const MAX_EXPORT_ROWS = 100_000;

/** The audit rows matching the admin page's filter, as CSV. The export is itself audited. */
export const GET = withRole("admin", async (request, { db, actor }) => {
  const filter = parseInput(auditFilterSchema, Object.fromEntries(request.nextUrl.searchParams));
  const csv = await db.transaction(async (tx) => {
    const rows = await queryAudit(tx as typeof db, filter, agencySettings().timeZone, MAX_EXPORT_ROWS);
    await recordAudit(tx, actor, { action: "audit.exported", targetType: "audit_log", details: { filter, rows: rows.length } });
    return auditRowsToCsv(rows);
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
