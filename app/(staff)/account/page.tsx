import type { Metadata } from "next";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { AccountMfa } from "@/components/auth/account-mfa";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { finishAccountEnrolment, startAccountEnrolment } from "./actions";

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
    </div>
  );
}
