import type { Metadata } from "next";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { AccountMfa } from "@/components/auth/account-mfa";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { ActionForm } from "@/components/admin/action-form";
import { Field } from "@/components/admin/field";
import { changePasswordAction, finishAccountEnrolment, startAccountEnrolment } from "./actions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const me = await requireStaffPage("detective", "/account");
  const [row] = await (await getDb()).select({ totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, me.userId));
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">Your account</h1>
      <p>
        {me.name} · <span className="font-mono">{me.email}</span> · {me.role}
      </p>
      <section className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Second factor</h2>
        <AccountMfa enrolled={Boolean(row?.totpEnabledAt)} startEnrolment={startAccountEnrolment} finishEnrolment={finishAccountEnrolment} />
      </section>
      <section className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Change password</h2>
        <p className="text-sm text-slate-600">At least 12 characters, not a common password. Every session of yours ends, and your API tokens are revoked.</p>
        <ActionForm action={changePasswordAction} submitLabel="Change password">
          <Field label="Current password" name="currentPassword" type="password" required autoComplete="current-password" />
          <Field label="New password" name="newPassword" type="password" required autoComplete="new-password" />
          <Field label="New password again" name="confirmPassword" type="password" required autoComplete="new-password" />
        </ActionForm>
      </section>
    </div>
  );
}
