"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import type { ActionState } from "@/components/admin/action-state";
import { issueApiToken, revokeApiToken } from "@/lib/accounts/api-tokens";
import { actionActor } from "@/lib/auth/action-actor";
import { requireStaffAction } from "@/lib/auth/require-staff-action";
import { agencySettings } from "@/lib/agency/settings";
import { formatAgencyTime } from "@/lib/time/agency-time";

const PATH = "/admin/tokens";

export async function issueTokenAction(_: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireStaffAction("admin", PATH);
  const result = await issueApiToken(await getDb(), await actionActor(admin), {
    userId: String(form.get("userId") ?? ""),
    name: String(form.get("name") ?? ""),
    days: String(form.get("days") ?? ""),
    allowAdmin: form.get("allowAdmin") === "yes",
  });
  if (!result.ok) return { errors: result.errors };
  revalidatePath(PATH);
  return {
    ok: true,
    message: `Issued; expires ${formatAgencyTime(result.expiresAt, agencySettings().timeZone)}. Send it as "Authorization: Bearer <token>".`,
    secret: { label: "API token", value: result.token },
  };
}

export async function revokeTokenAction(_: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireStaffAction("admin", PATH);
  const result = await revokeApiToken(await getDb(), await actionActor(admin), String(form.get("tokenId") ?? ""));
  if (!result.ok) return { errors: result.errors };
  revalidatePath(PATH);
  return { ok: true, message: "Revoked." };
}
