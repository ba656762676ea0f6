/** Staff roles nest: an admin can do all a supervisor can, a supervisor all a detective can. */
import { STAFF_ROLES } from "@/db/schema/enum-values";

export const ROLES = STAFF_ROLES;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { detective: 1, supervisor: 2, admin: 3 };

export function roleAllows(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
