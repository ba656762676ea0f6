import { withRole } from "@/lib/auth/with-role";
import { releaseEvidence } from "@/lib/evidence/evidence-items";
import { evidenceRuntime } from "@/lib/evidence/runtime";
import { attachmentResponse } from "@/lib/evidence/send-file";
import { requireUuid } from "@/lib/http/errors";

type Params = { params: Promise<{ id: string }> };

/** GET /api/evidence/{id}/download?reason=…: re-reads and checks the hash first; a mismatch is refused (409) and alerted. */
export const GET = withRole<Params>("detective", async (request, { db, actor }, { params }) => {
  const id = requireUuid((await params).id, "evidence item not found");
  const { store, scanner } = evidenceRuntime();
  const item = await releaseEvidence(db, store, actor, id, { reason: request.nextUrl.searchParams.get("reason"), event: "downloaded", scanner });
  return attachmentResponse(store, item);
});
