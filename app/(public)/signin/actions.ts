"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { requestMeta } from "@/lib/auth/action-actor";
import { authSettings } from "@/lib/auth/auth-settings";
import { beginEnrolmentWithPassword, completeEnrolmentWithPassword } from "@/lib/auth/mfa-enrolment";
import { signInThrottle } from "@/lib/auth/sign-in-throttle";

/**
 * Second-factor enrolment during sign-in, for an account that must have one
 * and has none yet. Public actions: each proves who it is with the e-mail and
 * password again, under the same lockout policy and per-address throttle as sign-in.
 */
const credentials = z.object({ email: z.string().max(320), password: z.string().max(1024) });

export async function startSignInEnrolment(input: { email: string; password: string }) {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) return { ok: false as const };
  const start = await beginEnrolmentWithPassword(
    await getDb(),
    parsed.data.email,
    parsed.data.password,
    await requestMeta(),
    authSettings(),
    signInThrottle(),
    `Sightline ${agencySettings().shortName}`,
  );
  return start ? { ok: true as const, qrDataUrl: start.qrDataUrl, secret: start.secret } : { ok: false as const };
}

export async function finishSignInEnrolment(input: { email: string; password: string; code: string }) {
  const parsed = credentials.extend({ code: z.string().max(20) }).safeParse(input);
  if (!parsed.success) return { ok: false as const, error: "invalid" as const };
  return completeEnrolmentWithPassword(await getDb(), parsed.data.email, parsed.data.password, parsed.data.code, await requestMeta(), authSettings(), signInThrottle());
}
