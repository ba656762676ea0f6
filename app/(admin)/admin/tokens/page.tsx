import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/admin/action-form";
import { Field } from "@/components/admin/field";
import { listApiTokens } from "@/lib/accounts/api-tokens";
import { listStaffUsers } from "@/lib/accounts/users";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { issueTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

export default async function AdminTokensPage() {
  await requireStaffPage("admin", "/admin/tokens");
  const db = await getDb();
  const [tokens, staff] = await Promise.all([listApiTokens(db), listStaffUsers(db)]);
  const { timeZone } = agencySettings();
  const when = (d: Date | null) => (d ? formatAgencyTime(d, timeZone) : "—");
  const now = new Date();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">API tokens</h1>
      <p className="text-sm text-slate-700">
        A token acts as its user, with that user&apos;s role, on every staff API route (<code>Authorization: Bearer &lt;token&gt;</code>). It is shown once
        and stored only as a hash; disabling the user stops their tokens too.
      </p>
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Issue a token</h2>
        <ActionForm action={issueTokenAction} submitLabel="Issue">
          <label className="flex flex-col text-sm">
            <span className="font-medium">For user</span>
            <select name="userId" className="rounded border border-slate-300 px-2 py-1.5">
              {staff
                .filter((u) => !u.disabledAt)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.email} ({u.role})
                  </option>
                ))}
            </select>
          </label>
          <Field label="Label" name="name" required placeholder="CAD integration" />
          <Field label="Valid for (days)" name="days" type="number" required defaultValue="90" />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="allowAdmin" value="yes" />
            <span>Admin powers (only for an admin&apos;s token; otherwise it acts as a supervisor)</span>
          </label>
        </ActionForm>
      </section>
      <section>
        <h2 className="mb-2 font-semibold">Tokens</h2>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b text-left">
                <th className="p-2">Label</th>
                <th className="p-2">User</th>
                <th className="p-2">Expires</th>
                <th className="p-2">Last used</th>
                <th className="p-2">State</th>
                <th className="p-2" />
              </tr>
            </thead>
            <tbody>
              {tokens.map((tk) => {
                const state = tk.revokedAt ? "revoked" : tk.expiresAt && tk.expiresAt <= now ? "expired" : "live";
                return (
                  <tr key={tk.id} className="border-b">
                    <td className="p-2">{tk.name}</td>
                    <td className="p-2 font-mono">{tk.userEmail}</td>
                    <td className="p-2">{when(tk.expiresAt)}</td>
                    <td className="p-2">{when(tk.lastUsedAt)}</td>
                    <td className="p-2">{state}</td>
                    <td className="p-2">
                      {state === "live" && (
                        <ActionForm action={revokeTokenAction} submitLabel="Revoke" danger confirm={`Revoke "${tk.name}"?`}>
                          <input type="hidden" name="tokenId" value={tk.id} />
                        </ActionForm>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
