import "server-only";
/**
 * POST /api/registrations, with its dependencies passed in so the integration
 * tests run exactly this code against a real database and real geocoder
 * doubles. Order: body limits → JSON → honeypot/fill time (HTML form only) →
 * schema → rate limit → one transaction → e-mail after commit.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { AuditActor } from "@/lib/audit/record-audit";
import type { Geocoder } from "@/lib/geocode/types";
import { readJsonBody } from "@/lib/http/read-json-body";
import { createRegistration } from "./create-registration";
import { duplicateNoticeEmail, manageLinkEmail, sendQuietly, type Mailer } from "./mailer";
import { manageUrlFor } from "./manage-token";
import type { IpRateLimiter } from "./rate-limit";
import { fieldErrors, registrationSchema, type RegistrationInput } from "./schema";

export interface PostRegistrationDeps {
  db: Db;
  geocoder: Geocoder;
  normalizeAddressKey: (address: RegistrationInput["address"]) => string;
  limiter: IpRateLimiter;
  mailer: Mailer | null;
  actor: AuditActor;
  baseUrl: string;
  agencyName: string;
  termsVersion: string;
  maxBodyBytes: number;
  minFillSeconds: number;
  geocodeTimeoutMs: number;
  now?: Date;
}

/** Sent only by the HTML form; API clients omit it and are not held to the fill time. */
const formMetaSchema = z.object({ website: z.string().max(500).optional(), startedAtMs: z.number().optional() }).optional();

export async function postRegistration(request: Request, deps: PostRegistrationDeps): Promise<Response> {
  const body = await readJsonBody(request, deps.maxBodyBytes);
  if (!body.ok) return NextResponse.json({ error: body.error }, { status: body.status });
  if (typeof body.value !== "object" || body.value === null || Array.isArray(body.value)) {
    return NextResponse.json({ errors: { body: "Send the registration as a JSON object" } }, { status: 422 });
  }
  const { formMeta: rawMeta, ...payload } = body.value as Record<string, unknown>;
  const meta = formMetaSchema.safeParse(rawMeta);
  if (!meta.success) return NextResponse.json({ errors: { formMeta: "Malformed form data" } }, { status: 422 });
  if (meta.data) {
    // A field people never see: anything in it was typed by a bot.
    if (meta.data.website) return NextResponse.json({ error: "submission rejected" }, { status: 400 });
    const now = (deps.now ?? new Date()).getTime();
    const elapsedS = meta.data.startedAtMs ? (now - meta.data.startedAtMs) / 1000 : 0;
    if (elapsedS < deps.minFillSeconds) {
      return NextResponse.json(
        { errors: { form: "The form was sent faster than a person can fill it in. Please check your answers and send it again." } },
        { status: 422 },
      );
    }
  }

  const parsed = registrationSchema.safeParse(payload);
  if (!parsed.success) return NextResponse.json({ errors: fieldErrors(parsed.error) }, { status: 422 });

  const decision = await deps.limiter.check(deps.actor.ip ?? null);
  if (!decision.allowed) {
    return NextResponse.json(
      { error: "too many registrations from this network; please try again later" },
      { status: 429, headers: { "Retry-After": String(decision.retryAfterS) } },
    );
  }

  const outcome = await createRegistration(deps.db, parsed.data, {
    geocoder: deps.geocoder,
    normalizeAddressKey: deps.normalizeAddressKey,
    actor: deps.actor,
    baseUrl: deps.baseUrl,
    termsVersion: deps.termsVersion,
    geocodeTimeoutMs: deps.geocodeTimeoutMs,
    now: deps.now,
    source: meta.data ? "public_form" : "api",
    notifyExistingOwner: deps.mailer !== null,
  });
  const emailed = await sendQuietly(deps.mailer, {
    to: parsed.data.owner.email,
    ...manageLinkEmail(deps.agencyName, outcome.manageUrl),
  });
  // The earlier owner learns someone registered their address again, with their own (new) link.
  // The submitter's answer below is the same either way.
  const notice = outcome.duplicateOf;
  if (notice?.noticeToken && notice.ownerEmail) {
    await sendQuietly(deps.mailer, {
      to: notice.ownerEmail,
      ...duplicateNoticeEmail(deps.agencyName, manageUrlFor(deps.baseUrl, notice.noticeToken)),
    });
  }
  return NextResponse.json(
    {
      id: outcome.id,
      status: outcome.status,
      manageUrl: outcome.manageUrl,
      location: outcome.location,
      geocode: outcome.geocode,
      emailed,
    },
    { status: 201 },
  );
}
