import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { StaffPrincipal } from "./principal";
import { roleAllows, type Role } from "./roles";
import { getSessionPrincipal } from "./session";

/**
 * The role check for staff pages and server actions: anonymous visitors go to
 * sign-in, signed-in staff below `minRole` get the 403 page.
 */
export async function requireStaffPage(minRole: Role, callbackPath = "/"): Promise<StaffPrincipal> {
  const principal = await getSessionPrincipal();
  if (!principal) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!roleAllows(principal.role, minRole)) forbidden();
  return principal;
}
