import { withRole } from "@/lib/auth/with-role";
import { authSettings } from "@/lib/auth/auth-settings";
import { readEvidenceItem, releaseEvidence, viewedSince } from "@/lib/evidence/evidence-items";
import { evidenceRuntime } from "@/lib/evidence/runtime";
import { playbackResponse, rangeStart } from "@/lib/evidence/send-file";
import { AppError, requireUuid } from "@/lib/http/errors";

type Params = { params: Promise<{ id: string }> };

const PLAYABLE = new Set(["video/mp4", "video/webm"]);

/**
 * GET /api/evidence/{id}/play?reason=…: in-browser playback of MP4/WebM with
 * byte ranges. Starting playback (a request from byte 0) checks the hash and
 * logs a "viewed" custody event; the player's later seeks are served as ranges
 * to the same staff member within a session's lifetime (SESSION_MAX_AGE_HOURS).
 * A range from anyone else (say `bytes=1-`, all but the first byte) is a start
 * of its own: reason, hash check, custody row. A quarantined file is refused (409).
 */
export const GET = withRole<Params>("detective", async (request, { db, actor }, { params }) => {
  const id = requireUuid((await params).id, "evidence item not found");
  const { store, scanner } = evidenceRuntime();
  const range = request.headers.get("range");
  let item = await readEvidenceItem(db, id);
  if (item?.status === "quarantined") throw new AppError("conflict", `refused: this file is quarantined by the virus scanner (${item.scanResult ?? "flagged"})`);
  if (!item || item.status !== "received") throw new AppError("not_found", "evidence item not found");
  if (!PLAYABLE.has(item.detectedType ?? "")) throw new AppError("unsupported_media_type", "only MP4 and WebM play in the browser; download the file instead");
  const seekOfOwnView = rangeStart(range) !== 0 && (await viewedSince(db, id, actor.userId, new Date(Date.now() - authSettings().absoluteTimeoutMs)));
  if (!seekOfOwnView) item = await releaseEvidence(db, store, actor, id, { reason: request.nextUrl.searchParams.get("reason"), event: "viewed", scanner });
  return playbackResponse(store, item, range);
});
