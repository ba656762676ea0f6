import "server-only";
import { headers } from "next/headers";
import type { AuditActor } from "@/lib/audit/record-audit";
import type { StaffPrincipal } from "@/lib/auth/principal";
import { clientAddress } from "@/lib/http/client-address";

/** The audit actor for a server-rendered staff page (same shape as for route handlers). */
export async function pageAuditActor(principal: StaffPrincipal): Promise<AuditActor> {
  const h = await headers();
  return {
    userId: principal.userId,
    label: principal.email,
    ip: clientAddress(h),
    userAgent: h.get("user-agent"),
  };
}
