import "server-only";
/**
 * "E-mail me my link": a resident who lost (or replaced) their management link
 * gives the e-mail and address they registered with. Each matching
 * registration gets a fresh link, e-mailed to its own owner address, at most
 * once per LOST_LINK_RESEND_MIN. The new link replaces the old one only once
 * the mail server has accepted the message: if sending fails, the old link
 * keeps working (the resident may still have it) and the failure is audited. The
 * answer is the same whether anything matched, every request is audited
 * (matched or not, never the typed e-mail), and the client address is rate limited.
 */
import { NextResponse } from "next/server";
import { and, eq, isNull, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { registrations } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { normalizeAddressKey } from "@/lib/geocode/address-key";
import { AppError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { answerError } from "@/lib/http/route-errors";
import { localizedRequest } from "./localized";
import { lostLinkEmail, sendQuietly, type Mailer } from "./mailer";
import { generateManageToken, hashManageToken, manageUrlFor } from "./manage-token";
import type { IpRateLimiter } from "./rate-limit";

export const LOST_LINK_RESEND_MIN = 15;

export interface LostLinkDeps {
  db: Db;
  mailer: Mailer | null;
  limiter: IpRateLimiter;
  actor: AuditActor;
  baseUrl: string;
  agencyName: string;
  /** Run the e-mail after the answer has gone (next/server `after`), so timing does not tell a match. */
  defer: (task: () => Promise<unknown>) => void;
  now?: Date;
}

/** The same street address under the address key, ignoring the unit (residents often leave it out). */
const streetKey = (line1: string, zip: string) => normalizeAddressKey({ line1, zip: zip.slice(0, 5) });

export async function requestManageLink(request: Request, deps: LostLinkDeps): Promise<Response> {
  try {
    return await handle(request, deps);
  } catch (err) {
    return answerError(err, "POST /api/manage-link-requests");
  }
}

async function handle(request: Request, deps: LostLinkDeps): Promise<Response> {
  const { schemas } = localizedRequest(request);
  const input = parseInput(schemas.lostLink, await readJsonBody(request, 4096));
  if (!deps.mailer) throw new AppError("unavailable", "e-mail is not set up for this registry; please contact the agency");
  const parsed = { data: input };

  const decision = await deps.limiter.check(deps.actor.ip ?? null);
  if (!decision.allowed) {
    throw new AppError("rate_limited", "too many requests; please try again later", { headers: { "Retry-After": String(decision.retryAfterS) } });
  }

  const now = deps.now ?? new Date();
  const wanted = streetKey(parsed.data.line1, parsed.data.zip);
  const resendAfter = new Date(now.getTime() - LOST_LINK_RESEND_MIN * 60_000);
  const toSend = await deps.db.transaction(async (tx) => {
    const candidates = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.ownerEmail, parsed.data.email), isNull(registrations.contactsErasedAt), isNull(registrations.mergedIntoId), isNotNull(registrations.manageTokenHash)))
      .for("update");
    const matches = candidates.filter((r) => streetKey(r.addressLine1, r.addressZip) === wanted);
    const out: { id: string; to: string; locale: string; oldHash: string }[] = [];
    for (const r of matches) {
      const recent = r.lostLinkSentAt !== null && r.lostLinkSentAt > resendAfter;
      if (!recent && r.ownerEmail && r.manageTokenHash) {
        // Claims the send slot now, so a second request within the window sends nothing.
        await tx.update(registrations).set({ lostLinkSentAt: now }).where(eq(registrations.id, r.id));
        out.push({ id: r.id, to: r.ownerEmail, locale: r.locale, oldHash: r.manageTokenHash });
      }
      await recordAudit(tx, deps.actor, {
        action: "registration.manage_link_requested",
        targetType: "registration",
        targetId: r.id,
        details: { matched: true, sent: !recent },
      });
    }
    if (matches.length === 0) {
      await recordAudit(tx, deps.actor, { action: "registration.manage_link_requested", targetType: "registration", targetId: null, details: { matched: false, sent: false } });
    }
    return out;
  });

  deps.defer(async () => {
    for (const m of toSend) await sendAndRotate(deps, m);
  });
  return NextResponse.json({ ok: true }, { status: 202 });
}

/**
 * Mail a fresh link, then make it the registration's link. The swap is
 * conditional on the old hash, so a link rotated meanwhile (the owner used
 * "replace my link") is not overwritten by this older request.
 */
async function sendAndRotate(deps: LostLinkDeps, m: { id: string; to: string; locale: string; oldHash: string }): Promise<void> {
  const token = generateManageToken();
  const sent = await sendQuietly(deps.mailer, { to: m.to, ...lostLinkEmail(deps.agencyName, manageUrlFor(deps.baseUrl, token), m.locale) });
  await deps.db.transaction(async (tx) => {
    let rotated = false;
    if (sent) {
      const now = new Date();
      const rows = await tx
        .update(registrations)
        .set({ manageTokenHash: hashManageToken(token), manageTokenRotatedAt: now, updatedAt: now })
        .where(and(eq(registrations.id, m.id), eq(registrations.manageTokenHash, m.oldHash)))
        .returning({ id: registrations.id });
      rotated = rows.length > 0;
    }
    await recordAudit(tx, deps.actor, {
      action: "registration.manage_link_sent",
      targetType: "registration",
      targetId: m.id,
      details: { delivered: sent, linkReplaced: rotated },
    });
  });
}
