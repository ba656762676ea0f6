import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { evidenceItems, footageRequests, type FootageRequest } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import type { Translate } from "@/lib/i18n/translate";
import { declineInputSchema } from "./request-input";
import { acceptsUploads, effectiveState, type FootageRequestState } from "./request-state";
import { hashUploadToken, looksLikeUploadToken } from "./tokens";

/** The request a link's token belongs to, or null; the token is compared by its hash only. */
export async function findRequestByToken(db: Pick<Db, "select">, token: unknown): Promise<FootageRequest | null> {
  if (!looksLikeUploadToken(token)) return null;
  const [row] = await db.select().from(footageRequests).where(eq(footageRequests.tokenHash, hashUploadToken(token))).limit(1);
  return row ?? null;
}

export interface OwnerView {
  request: FootageRequest;
  state: FootageRequestState;
  open: boolean;
  receivedFiles: number;
  receivedBytes: number;
  pendingBytes: number;
}

/** What the owner's page shows; the first open of a "sent" request marks it opened. */
export async function openRequestForOwner(db: Db, token: string, actor: AuditActor): Promise<OwnerView | null> {
  const request = await findRequestByToken(db, token);
  if (!request) return null;
  const now = new Date();
  if (request.state === "sent" && acceptsUploads(request, now)) {
    const updated = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(footageRequests)
        .set({ state: "opened", openedAt: now, updatedAt: now })
        .where(and(eq(footageRequests.id, request.id), eq(footageRequests.state, "sent")))
        .returning();
      if (row) await recordAudit(tx, actor, { action: "footage_request.opened", targetType: "footage_request", targetId: request.id, details: { incidentId: request.incidentId } });
      return row;
    });
    if (updated) Object.assign(request, updated);
  }
  const [totals] = await db
    .select({
      receivedFiles: sql<number>`count(*) filter (where ${evidenceItems.status} = 'received')::int`,
      receivedBytes: sql<number>`coalesce(sum(${evidenceItems.sizeBytes}) filter (where ${evidenceItems.status} = 'received'), 0)::bigint`,
      pendingBytes: sql<number>`coalesce(sum(${evidenceItems.sizeBytes}) filter (where ${evidenceItems.status} = 'uploading'), 0)::bigint`,
    })
    .from(evidenceItems)
    .where(eq(evidenceItems.footageRequestId, request.id));
  return {
    request,
    state: effectiveState(request, now),
    open: acceptsUploads(request, now),
    receivedFiles: Number(totals?.receivedFiles ?? 0),
    receivedBytes: Number(totals?.receivedBytes ?? 0),
    pendingBytes: Number(totals?.pendingBytes ?? 0),
  };
}

/** The owner says there is no video (or why not). Allowed while the link is open and nothing was received. */
export async function declineRequest(db: Db, input: unknown, actor: AuditActor, t: Translate): Promise<{ state: "declined" }> {
  const { token, reason, note } = parseInput(declineInputSchema(t), input);
  const found = await findRequestByToken(db, token);
  if (!found) throw new AppError("not_found", "this link is not valid");
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(footageRequests).where(eq(footageRequests.id, found.id)).for("update").limit(1);
    const now = new Date();
    if (!acceptsUploads(request, now)) throw new AppError("conflict", `this request is ${effectiveState(request, now)}`);
    if (request.state === "received" || request.state === "uploading") throw new AppError("conflict", "files have already been sent for this request");
    await tx
      .update(footageRequests)
      .set({ state: "declined", declinedAt: now, declineReason: reason, declineNote: note || null, updatedAt: now })
      .where(eq(footageRequests.id, request.id));
    await recordAudit(tx, actor, {
      action: "footage_request.declined",
      targetType: "footage_request",
      targetId: request.id,
      details: { incidentId: request.incidentId, reason, hasNote: Boolean(note) },
    });
    return { state: "declined" as const };
  });
}
