import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cameras, canvassEntries, evidenceItems, footageRequests, registrations, type FootageRequest, type RequestedCamera } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffContext } from "@/lib/auth/mutation-context";
import { AppError, validationError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { coversIncident, loadIncident } from "@/lib/canvass/load-canvass";
import { mayWorkEntry } from "@/lib/canvass/update-entry";
import type { Mailer } from "@/lib/registration/mailer";
import { messagesFor } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translate";
import { requestMessage } from "./owner-text";
import { defaultRequestWindow, footageRequestInputSchema, MAX_WINDOW_MS } from "./request-input";
import { effectiveState, type FootageRequestState } from "./request-state";
import { toE164, type SmsSender } from "./sms";
import { generateUploadToken, hashUploadToken } from "./tokens";

/** What sending a request needs besides the database: how to reach the owner, and the agency's settings. */
export interface FootageRequestServices {
  mailer: Mailer | null;
  sms: SmsSender | null;
  /** Origin the upload link is built on, e.g. https://cameras.example.gov */
  baseUrl: string;
  expiryDays: number;
  agencyName: string;
  timeZone: string;
}

export interface CreatedFootageRequest {
  id: string;
  uploadUrl: string;
  expiresAt: Date;
  delivery: { method: "link" | "email" | "sms"; to: string | null; result: "sent" | "failed" | "shown"; error?: string };
}

export function uploadUrlFor(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/upload/${token}`;
}

/**
 * Send the owner of one canvass stop a request for the incident's video: a
 * private, expiring link (its token stored only as a hash), the window (the
 * incident's unless given), the stop's recorder clock offset and the cameras
 * that see the spot or record the street. The row and its audit entry commit
 * first; the e-mail or text is sent after, and its result recorded.
 * `request` is the body as the client sent it (parsed here); `entryId` comes from the URL.
 */
export async function createFootageRequest(
  ctx: StaffContext & FootageRequestServices,
  input: { entryId: string; request: unknown },
): Promise<CreatedFootageRequest> {
  const { db, principal, actor, now = new Date(), ...deps } = ctx;
  const { entryId } = input;
  const body = parseInput(footageRequestInputSchema, input.request);

  const [row] = await db
    .select({ entry: canvassEntries, ownerEmail: registrations.ownerEmail, ownerPhone: registrations.ownerPhone, ownerLocale: registrations.locale, registrationId: registrations.id })
    .from(canvassEntries)
    .innerJoin(registrations, eq(registrations.id, canvassEntries.registrationId))
    .where(eq(canvassEntries.id, entryId))
    .limit(1);
  if (!row) throw new AppError("not_found", "canvass entry not found");
  if (!mayWorkEntry(principal, row.entry)) throw new AppError("forbidden", "this entry is assigned to another detective");
  const incident = await loadIncident(db, row.entry.incidentId);
  if (!incident) throw new AppError("not_found", "canvass entry not found");

  const fallback = defaultRequestWindow(incident.occurredFrom, incident.occurredTo);
  const windowFrom = body.from ? new Date(body.from) : fallback.from;
  const windowTo = body.to ? new Date(body.to) : fallback.to;
  if (windowTo.getTime() <= windowFrom.getTime()) throw validationError({ to: "must be after from" });
  if (windowTo.getTime() - windowFrom.getTime() > MAX_WINDOW_MS) throw validationError({ to: "the window may be at most 24 hours" });

  let deliveredTo: string | null = null;
  if (body.deliver === "email") {
    if (!deps.mailer) throw validationError({ deliver: "e-mail is not configured (SMTP_URL); send the link another way" });
    if (!row.ownerEmail) throw validationError({ deliver: "the owner has no e-mail address on file" });
    deliveredTo = row.ownerEmail;
  } else if (body.deliver === "sms") {
    if (!deps.sms) throw validationError({ deliver: "text messages are not configured (SMS_API_URL); send the link another way" });
    const phone = row.ownerPhone ? toE164(row.ownerPhone) : null;
    if (!phone) throw validationError({ deliver: "the owner has no mobile number on file that a text can go to" });
    deliveredTo = phone;
  }

  const siteCameras = await db.select().from(cameras).where(eq(cameras.registrationId, row.registrationId));
  const requested: RequestedCamera[] = siteCameras
    .map((c) => ({ position: c.position, bearingDeg: c.bearingDeg, recordsStreet: c.recordsStreet, coversIncident: coversIncident(incident, c.viewCone) }))
    .filter((c) => c.recordsStreet || c.coversIncident);

  const token = generateUploadToken();
  const expiresAt = new Date(now.getTime() + deps.expiryDays * 86_400_000);
  const created = await db.transaction(async (tx) => {
    const [request] = await tx
      .insert(footageRequests)
      .values({
        canvassEntryId: entryId,
        incidentId: incident.id,
        tokenHash: hashUploadToken(token),
        windowFrom,
        windowTo,
        clockOffsetS: row.entry.clockOffsetS,
        cameras: requested,
        note: body.note || null,
        delivery: body.deliver,
        deliveredTo,
        expiresAt,
        createdBy: principal.userId,
      })
      .returning();
    if (row.entry.outcome === "not_contacted" || row.entry.outcome === "no_answer" || row.entry.outcome === "notice_left") {
      await tx.update(canvassEntries).set({ outcome: "footage_requested", updatedBy: principal.userId, updatedAt: now }).where(eq(canvassEntries.id, entryId));
    }
    await recordAudit(tx, actor, {
      action: "footage_request.created",
      targetType: "footage_request",
      targetId: request.id,
      details: {
        incidentId: incident.id,
        canvassEntryId: entryId,
        delivery: body.deliver,
        windowFrom: windowFrom.toISOString(),
        windowTo: windowTo.toISOString(),
        expiresAt: expiresAt.toISOString(),
        cameras: requested.length,
      },
    });
    return request;
  });

  const uploadUrl = uploadUrlFor(deps.baseUrl, token);
  // In the language the owner registered in, whoever sends it.
  const messages = messagesFor(row.ownerLocale);
  const message = requestMessage({
    agencyName: deps.agencyName,
    uploadUrl,
    windowFrom,
    windowTo,
    clockOffsetS: row.entry.clockOffsetS,
    timeZone: deps.timeZone,
    expiresAt,
    locale: row.ownerLocale,
    email: translatorFor(row.ownerLocale, messages, "email"),
    upload: translatorFor(row.ownerLocale, messages, "upload"),
  });
  let result: CreatedFootageRequest["delivery"] = { method: body.deliver, to: deliveredTo, result: "shown" };
  if (body.deliver !== "link" && deliveredTo) {
    try {
      if (body.deliver === "email") await deps.mailer!.send({ to: deliveredTo, subject: message.subject, text: message.text });
      else await deps.sms!.send({ to: deliveredTo, body: message.sms });
      result = { method: body.deliver, to: deliveredTo, result: "sent" };
    } catch (err) {
      // The reason may quote the request; never the link itself.
      const reason = (err instanceof Error ? err.message : String(err)).replaceAll(token, "[token]").slice(0, 300);
      console.error(`[footage-request] ${body.deliver} delivery failed for request ${created.id}: ${reason}`);
      result = { method: body.deliver, to: deliveredTo, result: "failed", error: reason };
    }
    await db.update(footageRequests).set({ deliveryResult: result.result === "sent" ? "sent" : `failed: ${result.error}` }).where(eq(footageRequests.id, created.id));
  }
  return { id: created.id, uploadUrl, expiresAt, delivery: result };
}

export interface FootageRequestSummary {
  id: string;
  canvassEntryId: string;
  state: FootageRequestState;
  delivery: FootageRequest["delivery"];
  deliveredTo: string | null;
  deliveryResult: string | null;
  windowFrom: Date;
  windowTo: Date;
  clockOffsetS: number | null;
  expiresAt: Date;
  createdAt: Date;
  declineReason: string | null;
  declineNote: string | null;
  receivedFiles: number;
}

/** The requests of some canvass entries with their state and received-file counts. */
export async function listFootageRequests(db: Pick<Db, "select">, entryIds: string[], now = new Date()): Promise<FootageRequestSummary[]> {
  if (entryIds.length === 0) return [];
  const rows = await db
    .select({
      request: footageRequests,
      receivedFiles: sql<number>`(select count(*)::int from ${evidenceItems} where ${evidenceItems.footageRequestId} = ${footageRequests.id} and ${evidenceItems.status} = 'received')`,
    })
    .from(footageRequests)
    .where(inArray(footageRequests.canvassEntryId, entryIds))
    .orderBy(desc(footageRequests.createdAt));
  return rows.map(({ request: r, receivedFiles }) => ({
    id: r.id,
    canvassEntryId: r.canvassEntryId,
    state: effectiveState(r, now),
    delivery: r.delivery,
    deliveredTo: r.deliveredTo,
    deliveryResult: r.deliveryResult,
    windowFrom: r.windowFrom,
    windowTo: r.windowTo,
    clockOffsetS: r.clockOffsetS,
    expiresAt: r.expiresAt,
    createdAt: r.createdAt,
    declineReason: r.declineReason,
    declineNote: r.declineNote,
    receivedFiles: Number(receivedFiles),
  }));
}

/** Revoke a request's link: the owner's page and uploads stop working at once. */
export async function revokeFootageRequest({ db, principal, actor, now = new Date() }: StaffContext, { requestId }: { requestId: string }): Promise<{ id: string; state: "revoked" }> {
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(footageRequests).where(eq(footageRequests.id, requestId)).for("update").limit(1);
    if (!request) throw new AppError("not_found", "footage request not found");
    const [entry] = await tx.select().from(canvassEntries).where(eq(canvassEntries.id, request.canvassEntryId)).limit(1);
    if (entry && !mayWorkEntry(principal, entry)) throw new AppError("forbidden", "this entry is assigned to another detective");
    if (request.state === "revoked") return { id: request.id, state: "revoked" as const };
    await tx.update(footageRequests).set({ state: "revoked", revokedAt: now, revokedBy: principal.userId, updatedAt: now }).where(and(eq(footageRequests.id, requestId)));
    await recordAudit(tx, actor, {
      action: "footage_request.revoked",
      targetType: "footage_request",
      targetId: request.id,
      details: { incidentId: request.incidentId, previousState: effectiveState(request, now) },
    });
    return { id: request.id, state: "revoked" as const };
  });
}
