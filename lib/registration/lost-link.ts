import "server-only";
/**
 * "E-mail me my link": a resident who lost (or replaced) their management link
 * gives the e-mail and address they registered with. Each matching
 * registration gets a fresh link, e-mailed to its own owner address, at most
 * once per LOST_LINK_RESEND_MIN; the old link dies in the same commit. The
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
    const out: { to: string; url: string; locale: string }[] = [];
    for (const r of matches) {
      const recent = r.lostLinkSentAt !== null && r.lostLinkSentAt > resendAfter;
      if (!recent && r.ownerEmail) {
        const token = generateManageToken();
        await tx
          .update(registrations)
          .set({ manageTokenHash: hashManageToken(token), manageTokenRotatedAt: now, lostLinkSentAt: now, updatedAt: now })
          .where(eq(registrations.id, r.id));
        out.push({ to: r.ownerEmail, url: manageUrlFor(deps.baseUrl, token), locale: r.locale });
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
    for (const m of toSend) await sendQuietly(deps.mailer, { to: m.to, ...lostLinkEmail(deps.agencyName, m.url, m.locale) });
  });
  return NextResponse.json({ ok: true }, { status: 202 });
}
