import "server-only";
import type { StaffPrincipal } from "./principal";

/**
 * The signed-in staff member of the current browser request, re-checked
 * against the database (disabled users and bumped session versions are refused).
 * Completed by the auth work (next-auth credentials + JWT); until then nobody
 * is signed in through a browser, and staff pages redirect to /signin.
 */
export async function getSessionPrincipal(): Promise<StaffPrincipal | null> {
  return null;
}
