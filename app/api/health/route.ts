import { NextResponse, type NextRequest } from "next/server";
import { getDbHandle, resetDbAfterFatalError } from "@/db/client";
import { readDatabaseHealth } from "@/lib/db/health";
import { resolvePrincipal } from "@/lib/auth/with-role";
import { serviceUnavailable } from "@/lib/http/service-unavailable";

export const dynamic = "force-dynamic";

/**
 * Liveness for load balancers and anyone: `{ status }`. The database facts
 * (kind, PostgreSQL and PostGIS versions, migrations) only for signed-in
 * staff or an API token: versions tell an attacker which exploits to try.
 */
export async function GET(request: NextRequest) {
  try {
    const handle = await getDbHandle();
    const database = await readDatabaseHealth(handle);
    const staff = await resolvePrincipal(handle.db, request).catch(() => null);
    return NextResponse.json(staff ? { status: "ok", database } : { status: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    await resetDbAfterFatalError(err);
    console.error("[health] database unavailable:", err instanceof Error ? err.message : err);
    return serviceUnavailable("database unavailable", { status: "unavailable" });
  }
}
