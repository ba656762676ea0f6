import "server-only";
import { forbidden } from "next/navigation";
import { headers } from "next/headers";
import { isSameOriginWrite } from "@/lib/http/same-origin";
import type { StaffPrincipal } from "./principal";
import type { Role } from "./roles";
import { requireStaffPage } from "./require-staff-page";

/**
 * The role check for server actions: requireStaffPage, plus the same Origin
 * check withRole makes for cookie-authenticated writes. Next.js compares an
 * action's Origin with its Host too; this holds it to the configured public
 * base URL (NEXTAUTH_URL), which no request header can change.
 */
export async function requireStaffAction(minRole: Role, callbackPath = "/"): Promise<StaffPrincipal> {
  if (!isSameOriginWrite("POST", await headers())) forbidden();
  return requireStaffPage(minRole, callbackPath);
}
