import type { Role } from "./roles";

/** An authenticated staff member, from a browser session or an API token. */
export interface StaffPrincipal {
  userId: string;
  email: string;
  name: string;
  role: Role;
  via: "session" | "token";
}
