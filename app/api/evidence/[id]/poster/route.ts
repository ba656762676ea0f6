import fsp from "node:fs/promises";
import { withRole } from "@/lib/auth/with-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { POSTER_SUFFIX } from "@/lib/evidence/analyse-media";
import { readEvidenceItem } from "@/lib/evidence/evidence-items";
import { evidenceRuntime } from "@/lib/evidence/runtime";
import { AppError, requireUuid } from "@/lib/http/errors";

type Params = { params: Promise<{ id: string }> };

/**
 * GET /api/evidence/{id}/poster: the poster frame of a received video (a JPEG
 * made by ffmpeg on receipt). It is a still made by us, not the evidence, so
 * it needs no reason and leaves the custody log alone; who looked at which
 * poster is still written to the audit trail. Never cached.
 */
export const GET = withRole<Params>("detective", async (_request, { db, actor }, { params }) => {
  const id = requireUuid((await params).id, "evidence item not found");
  const item = await readEvidenceItem(db, id);
  if (!item || item.status !== "received" || !item.hasPoster) throw new AppError("not_found", "no poster frame for this item");
  let jpeg: Buffer;
  try {
    jpeg = await fsp.readFile(evidenceRuntime().store.sidePath(id, POSTER_SUFFIX));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new AppError("not_found", "no poster frame for this item");
    throw err;
  }
  await recordAudit(db, actor, { action: "evidence.poster_viewed", targetType: "evidence_item", targetId: id, details: { incidentId: item.incidentId } });
  return new Response(new Uint8Array(jpeg), {
    headers: { "content-type": "image/jpeg", "content-length": String(jpeg.length), "cache-control": "private, no-store", "x-content-type-options": "nosniff" },
  });
});
