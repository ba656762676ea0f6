import "server-only";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { appliedMigrationCount } from "@/db/migrate";

export interface DatabaseHealth {
  kind: "embedded" | "server";
  postgresVersion: string;
  postgisVersion: string;
  migrations: number;
}

export async function readDatabaseHealth(handle: DbHandle): Promise<DatabaseHealth> {
  const versions = await handle.db.execute(
    sql`select current_setting('server_version') as pg, postgis_lib_version() as postgis`,
  );
  const row = versions.rows[0] as { pg: string; postgis: string };
  return {
    kind: handle.kind,
    postgresVersion: row.pg,
    postgisVersion: row.postgis,
    migrations: await appliedMigrationCount(handle.db),
  };
}
