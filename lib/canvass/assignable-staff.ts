import "server-only";
import { asc, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";

export interface StaffOption {
  id: string;
  name: string;
  role: "detective" | "supervisor" | "admin";
}

/** Enabled staff who can be handed canvass work (names only, for the assignment menus). */
export async function loadAssignableStaff(db: Pick<Db, "select">): Promise<StaffOption[]> {
  return db.select({ id: users.id, name: users.name, role: users.role }).from(users).where(isNull(users.disabledAt)).orderBy(asc(users.name));
}
