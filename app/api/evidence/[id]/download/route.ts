import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { releaseEvidence } from "@/lib/evidence/evidence-items";
import { evidenceRuntime } from "@/lib/evidence/runtime";
import { attachmentResponse } from "@/lib/evidence/send-file";

type Params = { params: Promise<{ id: string }> };

/** GET /api/evidence/{id}/download?reason=…: re-reads and checks the hash first; a mismatch is refused (409) and alerted. */
export const GET = withRole<Params>("detective", async (request, { db, actor }, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return NextResponse.json({ error: "evidence item not found" }, { status: 404 });
  const { store } = evidenceRuntime();
  const result = await releaseEvidence(db, store, actor, id, { reason: request.nextUrl.searchParams.get("reason"), event: "downloaded" });
  if (!result.ok) return NextResponse.json(result.errors ? { errors: result.errors } : { error: result.error }, { status: result.status });
  return attachmentResponse(store, result.item);
});
