import { NextResponse } from "next/server";
import { getDbHandle, resetDbAfterFatalError } from "@/db/client";
import { readDatabaseHealth } from "@/lib/db/health";
import { serviceUnavailable } from "@/lib/http/service-unavailable";

export const dynamic = "force-dynamic";

/** Liveness and database facts for operators; no personal data. */
export async function GET() {
  try {
    const handle = await getDbHandle();
    const database = await readDatabaseHealth(handle);
    return NextResponse.json({ status: "ok", database });
  } catch (err) {
    await resetDbAfterFatalError(err);
    console.error("[health] database unavailable:", err instanceof Error ? err.message : err);
    return serviceUnavailable("database unavailable", { status: "unavailable" });
  }
}
