import "server-only";
/**
 * The public form's address check (POST /api/address-check): before the
 * cameras part, the resident sees whether the registry can place their
 * address — what was found, the "did you mean" and ambiguous choices with
 * their positions, or that nothing was found (then they place the pin).
 * Only the address is sent, never contact data; nothing is stored or logged
 * (the address is not evidence of anything yet); the client address is rate
 * limited because each check costs a geocode.
 */
import { NextResponse } from "next/server";
import type { Geocoder, GeocodeAnswer } from "@/lib/geocode/types";
import { AppError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { geocodeWithTimeout } from "./geocode-with-timeout";
import { localizedRequest } from "./localized";
import type { IpRateLimiter } from "./rate-limit";

export interface AddressCheckDeps {
  geocoder: Geocoder;
  limiter: IpRateLimiter;
  clientIp: string | null;
  geocodeTimeoutMs: number;
}

/** A place the resident can choose: its address as the reference data writes it and where it is. */
export interface AddressChoice {
  address: string;
  /** The street line alone ("505 7TH ST SE"), to put back in the form's street field. */
  line1: string;
  lat: number;
  lng: number;
  /** "ambiguous": fits as well as another place; "did_you_mean": a near miss (spelling, direction, type, ZIP). */
  kind: "ambiguous" | "did_you_mean";
}

export interface AddressCheckAnswer {
  status: GeocodeAnswer["status"];
  found: boolean;
  place: { address: string; lat: number; lng: number } | null;
  choices: AddressChoice[];
}

const MAX_CHOICES = 5;

/** The geocoder's answer without its staff-only reasons and confidence: what a resident may see. */
export function toAddressCheckAnswer(answer: GeocodeAnswer): AddressCheckAnswer {
  if (answer.found) {
    return { status: "found", found: true, place: { address: answer.matchedAddress, lat: answer.lat, lng: answer.lng }, choices: [] };
  }
  const kind = answer.status === "ambiguous" ? "ambiguous" : "did_you_mean";
  const choices = (answer.candidates ?? []).slice(0, MAX_CHOICES).map((c) => ({ address: c.address, line1: c.address.split(",")[0].trim(), lat: c.lat, lng: c.lng, kind }) as const);
  return { status: answer.status, found: false, place: null, choices };
}

export async function checkAddress(request: Request, deps: AddressCheckDeps): Promise<Response> {
  const { schemas } = localizedRequest(request);
  const input = parseInput(schemas.addressCheck, await readJsonBody(request, 4096));
  const decision = await deps.limiter.check(deps.clientIp);
  if (!decision.allowed) {
    throw new AppError("rate_limited", "too many address checks; please try again later", { headers: { "Retry-After": String(decision.retryAfterS) } });
  }
  const answer = await geocodeWithTimeout(deps.geocoder, input, deps.geocodeTimeoutMs);
  return NextResponse.json(toAddressCheckAnswer(answer), { headers: { "cache-control": "no-store" } });
}
