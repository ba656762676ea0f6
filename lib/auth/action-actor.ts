import "server-only";
import { headers } from "next/headers";
import type { AuditActor } from "@/lib/audit/record-audit";
import { clientAddress } from "@/lib/http/client-address";
import type { StaffPrincipal } from "./principal";

/** The audit actor of a server action: the signed-in staff member and where the request came from. */
export async function actionActor(principal: StaffPrincipal): Promise<AuditActor> {
  const h = await headers();
  return {
    userId: principal.userId,
    label: principal.email,
    ip: clientAddress(h),
    userAgent: h.get("user-agent"),
  };
}

export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientAddress(h), userAgent: h.get("user-agent") };
}
