import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { auditFilterSchema } from "@/lib/audit/audit-filter";
import { auditActions, countAudit, queryAudit } from "@/lib/audit/query-audit";
import { fieldErrors } from "@/lib/http/field-errors";
import { requireStaffPage } from "@/lib/auth/require-staff-page";

export const metadata: Metadata = { title: "Audit trail" };

const PAGE_ROWS = 200;

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage("admin", "/admin/audit");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFilterSchema.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const filter = parsed.success ? parsed.data : {};
  const db = await getDb();
  const { timeZone } = agencySettings();
  const [rows, total, actions] = await Promise.all([queryAudit(db, filter, timeZone, PAGE_ROWS), countAudit(db, filter, timeZone), auditActions(db)]);
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
        {total > PAGE_ROWS ? `; the newest ${PAGE_ROWS} shown, the export has all` : ""}. Times in {timeZone}. An action ending in a dot (e.g.{" "}
        <code>auth.</code>) matches the whole family.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-xs" data-testid="audit-table">
          <thead>
            <tr className="border-b text-left">
              <th className="p-2">When</th>
              <th className="p-2">Actor</th>
              <th className="p-2">Action</th>
              <th className="p-2">Target</th>
              <th className="p-2">Details</th>
              <th className="p-2">From</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b align-top">
                <td className="whitespace-nowrap p-2">{r.at.toLocaleString("en-US", { timeZone, dateStyle: "short", timeStyle: "medium" })}</td>
                <td className="p-2 font-mono">{r.actorLabel}</td>
                <td className="p-2 font-mono">{r.action}</td>
                <td className="p-2 font-mono">{r.targetType ? `${r.targetType}:${r.targetId ?? ""}` : ""}</td>
                <td className="max-w-md break-all p-2 font-mono">{JSON.stringify(r.details)}</td>
                <td className="p-2">{r.ip ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
