import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { auditFilterSchema } from "@/lib/audit/audit-filter";
import { viewAuditTrail } from "@/lib/audit/view-audit";
import { fieldErrors } from "@/lib/http/field-errors";
import { actionActor } from "@/lib/auth/action-actor";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { AuditTable } from "@/components/admin/audit-table";

export const metadata: Metadata = { title: "Audit trail" };

const PAGE_ROWS = 200;

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireStaffPage("admin", "/admin/audit");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFilterSchema.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const filter = parsed.success ? parsed.data : {};
  const db = await getDb();
  const { timeZone } = agencySettings();
  // Looking at the trail is itself recorded (audit.viewed), with the filter used.
  const { rows, total, actions, names } = await viewAuditTrail(db, await actionActor(admin), filter, { timeZone, limit: PAGE_ROWS });
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
  const input = (name: keyof typeof raw, label: string, type = "text") => (
    <label className="flex flex-col text-sm">
      <span className="font-medium">{label}</span>
      <input name={String(name)} type={type} defaultValue={raw[name] ?? ""} className="rounded border border-slate-300 px-2 py-1.5" />
      {errors[String(name)] && <span className="text-red-700">{errors[String(name)]}</span>}
    </label>
  );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Audit trail</h1>
      <form method="get" className="flex flex-wrap items-end gap-2 rounded border border-slate-200 bg-white p-3">
        {input("user", "User (e-mail or id)")}
        <label className="flex flex-col text-sm">
          <span className="font-medium">Action</span>
          <input name="action" list="audit-actions" defaultValue={raw.action ?? ""} className="rounded border border-slate-300 px-2 py-1.5" />
          <datalist id="audit-actions">
            {actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        {input("targetType", "Target type")}
        {input("targetId", "Target id")}
        {input("from", `From (${timeZone})`, "date")}
        {input("to", "To", "date")}
        <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">
          Filter
        </button>
        <a href={`/api/admin/audit/export${query ? `?${query}` : ""}`} className="rounded border border-slate-300 px-3 py-1.5 text-sm" download>
          Export CSV ({total} rows)
        </a>
      </form>
      <p className="text-sm text-slate-700">
        {total} matching {total === 1 ? "entry" : "entries"}
        {total > PAGE_ROWS ? `; the newest ${PAGE_ROWS} shown, the export has all` : ""}. Times in {timeZone}; viewing and exporting the trail are recorded in it too. An action ending in a dot (e.g.{" "}
        <code>auth.</code>) matches the whole family.
      </p>
      <div className="overflow-x-auto">
        <AuditTable rows={rows} names={names} timeZone={timeZone} />
      </div>
    </div>
  );
}
