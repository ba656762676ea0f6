import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/admin/action-form";
import { Field, RoleSelect } from "@/components/admin/field";
import { listStaffUsers } from "@/lib/accounts/users";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { formatAgencyTime } from "@/lib/time/agency-time";
import {
  changeRoleAction,
  createUserAction,
  resetMfaAction,
  resetPasswordAction,
  setDisabledAction,
  signOutEverywhereAction,
  unlockAction,
} from "./actions";

export const metadata: Metadata = { title: "Staff accounts" };

export default async function AdminUsersPage() {
  const me = await requireStaffPage("admin", "/admin/users");
  const staff = await listStaffUsers(await getDb());
  const { timeZone } = agencySettings();
  const when = (d: Date | null) => (d ? formatAgencyTime(d, timeZone) : "");
  const now = new Date();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Staff accounts</h1>
      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Create an account</h2>
        <ActionForm action={createUserAction} submitLabel="Create">
          <Field label="E-mail" name="email" type="email" required autoComplete="off" />
          <Field label="Name" name="name" required autoComplete="off" />
          <RoleSelect />
          <Field label="Password (empty: generate)" name="password" type="password" autoComplete="new-password" />
        </ActionForm>
        <p className="mt-2 text-xs text-slate-600">Passwords: at least 12 characters and not a common password. A long phrase is best.</p>
      </section>
      <section>
        <h2 className="mb-2 font-semibold">Accounts ({staff.length})</h2>
        <ul className="space-y-3" data-testid="staff-list">
          {staff.map((u) => (
            <li key={u.id} id={`user-${u.id}`} className="scroll-mt-4 rounded border border-slate-200 bg-white p-3">
              <div className="flex flex-wrap items-baseline gap-x-3">
                <span className="font-semibold">{u.name}</span>
                <span className="font-mono text-sm">{u.email}</span>
                <span className="rounded bg-slate-100 px-2 text-xs uppercase">{u.role}</span>
                {u.disabledAt && <span className="rounded bg-red-100 px-2 text-xs text-red-800">disabled</span>}
                {u.lockedUntil && u.lockedUntil > now && <span className="rounded bg-amber-100 px-2 text-xs">locked until {when(u.lockedUntil)}</span>}
                <span className="text-xs text-slate-600">{u.mfaEnabled ? "second factor on" : "no second factor"}</span>
                {u.isDemo && <span className="text-xs text-slate-600">demo</span>}
                {u.id === me.userId && <span className="text-xs text-slate-600">(you)</span>}
              </div>
              <div className="mt-2 flex flex-wrap gap-4">
                <ActionForm action={changeRoleAction} submitLabel="Change role" resetOnSuccess={false}>
                  <input type="hidden" name="userId" value={u.id} />
                  <RoleSelect defaultValue={u.role} label="Role" />
                </ActionForm>
                <ActionForm action={resetPasswordAction} submitLabel="Reset password" confirm={`Reset the password of ${u.email}?`}>
                  <input type="hidden" name="userId" value={u.id} />
                  <Field label="New password (empty: generate)" name="password" type="password" autoComplete="new-password" />
                </ActionForm>
                <ActionForm action={signOutEverywhereAction} submitLabel="Sign out everywhere">
                  <input type="hidden" name="userId" value={u.id} />
                </ActionForm>
                {u.lockedUntil && u.lockedUntil > now && (
                  <ActionForm action={unlockAction} submitLabel="Unlock">
                    <input type="hidden" name="userId" value={u.id} />
                  </ActionForm>
                )}
                {u.mfaEnabled && (
                  <ActionForm action={resetMfaAction} submitLabel="Reset second factor" confirm={`Remove the second factor of ${u.email}?`}>
                    <input type="hidden" name="userId" value={u.id} />
                  </ActionForm>
                )}
                <ActionForm
                  action={setDisabledAction}
                  submitLabel={u.disabledAt ? "Enable" : "Disable"}
                  danger={!u.disabledAt}
                  confirm={u.disabledAt ? undefined : `Disable ${u.email}? Their sessions and API tokens stop working now.`}
                >
                  <input type="hidden" name="userId" value={u.id} />
                  <input type="hidden" name="disable" value={u.disabledAt ? "false" : "true"} />
                </ActionForm>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
