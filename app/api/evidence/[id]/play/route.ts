import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { readEvidenceItem, releaseEvidence } from "@/lib/evidence/evidence-items";
import { evidenceRuntime } from "@/lib/evidence/runtime";
import { playbackResponse, rangeStart } from "@/lib/evidence/send-file";

type Params = { params: Promise<{ id: string }> };

const PLAYABLE = new Set(["video/mp4", "video/webm"]);

/**
 * GET /api/evidence/{id}/play?reason=…: in-browser playback of MP4/WebM with
 * byte ranges. Starting playback (a request from byte 0) checks the hash and
 * logs a "viewed" custody event; the player's later seeks are served as ranges.
 */
export const GET = withRole<Params>("detective", async (request, { db, actor }, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return NextResponse.json({ error: "evidence item not found" }, { status: 404 });
  const { store } = evidenceRuntime();
  const range = request.headers.get("range");
  let item = await readEvidenceItem(db, id);
  if (!item || item.status !== "received") return NextResponse.json({ error: "evidence item not found" }, { status: 404 });
  if (!PLAYABLE.has(item.detectedType ?? "")) return NextResponse.json({ error: "only MP4 and WebM play in the browser; download the file instead" }, { status: 415 });
  if (rangeStart(range) === 0) {
    const result = await releaseEvidence(db, store, actor, id, { reason: request.nextUrl.searchParams.get("reason"), event: "viewed" });
    if (!result.ok) return NextResponse.json(result.errors ? { errors: result.errors } : { error: result.error }, { status: result.status });
    item = result.item;
  }
  return playbackResponse(store, item, range);
});
