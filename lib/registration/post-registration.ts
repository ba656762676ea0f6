import "server-only";
/**
 * POST /api/registrations, with its dependencies passed in so the integration
 * tests run exactly this code against a real database and real geocoder
 * doubles. Order: body limits → JSON → honeypot/fill time (HTML form only) →
 * schema → rate limit → one transaction → e-mail after commit. Failures are
 * answered by the API's error contract (lib/http/errors.ts).
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { AuditActor } from "@/lib/audit/record-audit";
import type { Geocoder } from "@/lib/geocode/types";
import { AppError, validationError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonObject } from "@/lib/http/read-json-body";
import { answerError } from "@/lib/http/route-errors";
import { createRegistration } from "./create-registration";
import { duplicateNoticeEmail, manageLinkEmail, sendQuietly, type Mailer } from "./mailer";
import { manageUrlFor } from "./manage-token";
import type { IpRateLimiter } from "./rate-limit";
import { availableLocales } from "@/lib/i18n/locales";
import { localizedRequest } from "./localized";
import type { RegistrationInput } from "./schema";

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
  try {
    return await register(request, deps);
  } catch (err) {
    return answerError(err, "POST /api/registrations");
  }
}

async function register(request: Request, deps: PostRegistrationDeps): Promise<Response> {
  // Field errors in the request's language (cookie, then Accept-Language).
  const { locale: requestLocale, schemas, tv } = localizedRequest(request);
  const { formMeta: rawMeta, ...payload } = await readJsonObject(request, deps.maxBodyBytes);
  const meta = formMetaSchema.safeParse(rawMeta);
  if (!meta.success) throw validationError({ formMeta: tv("formMeta") });
  if (meta.data) {
    // A field people never see: anything in it was typed by a bot.
    if (meta.data.website) throw validationError({ form: "submission rejected" });
    const now = (deps.now ?? new Date()).getTime();
    const elapsedS = meta.data.startedAtMs ? (now - meta.data.startedAtMs) / 1000 : 0;
    if (elapsedS < deps.minFillSeconds) {
      throw validationError({ form: tv("tooFast") });
    }
  }

  const input = parseInput(schemas.registration, payload);
  // The language the resident chose in the form, else the request's: e-mails go out in it, staff see it.
  const locale = input.language && availableLocales().includes(input.language) ? input.language : requestLocale;

  const decision = await deps.limiter.check(deps.actor.ip ?? null);
  if (!decision.allowed) {
    throw new AppError("rate_limited", "too many registrations from this network; please try again later", {
      headers: { "retry-after": String(decision.retryAfterS) },
    });
  }

  const outcome = await createRegistration(deps.db, input, {
    geocoder: deps.geocoder,
    normalizeAddressKey: deps.normalizeAddressKey,
    actor: deps.actor,
    baseUrl: deps.baseUrl,
    termsVersion: deps.termsVersion,
    geocodeTimeoutMs: deps.geocodeTimeoutMs,
    now: deps.now,
    source: meta.data ? "public_form" : "api",
    locale,
    notifyExistingOwner: deps.mailer !== null,
  });
  // Without a mailer (no SMTP_URL) the link is only on screen: the e-mail is not even written.
  const emailed =
    deps.mailer !== null &&
    (await sendQuietly(deps.mailer, {
      to: input.owner.email,
      ...manageLinkEmail(deps.agencyName, outcome.manageUrl, locale),
    }));
  // The earlier owner learns someone registered their address again, with their own (new) link.
  // The submitter's answer below is the same either way.
  const notice = outcome.duplicateOf;
  if (notice?.noticeToken && notice.ownerEmail) {
    await sendQuietly(deps.mailer, {
      to: notice.ownerEmail,
      ...duplicateNoticeEmail(deps.agencyName, manageUrlFor(deps.baseUrl, notice.noticeToken), notice.ownerLocale),
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
