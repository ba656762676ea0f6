import "server-only";
/**
 * "Northington St" asked, "S NORTHINGTON ST" holds the number: leaving out a
 * direction or a street type is only a relaxation when the street as asked
 * does not exist by itself. When it does ("NORTHINGTON ST" is a street of its
 * own that lacks this number, e.g. its segment is missing from the reference
 * data), the street that holds the number is a different street, and the
 * answer is a suggestion, never `found`.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { StreetName } from "../street-name";
import type { GeocodeAnswer } from "../types";
import { queryRows } from "./rows";

const OMITTED = /^no (direction|street type) given/;

/** The found answer rests on a component the query left out (direction or type). */
export const restsOnOmission = (answer: GeocodeAnswer) => answer.found && (answer.reasons ?? []).some((r) => OMITTED.test(r));

/** Whether the reference data has this exact street (same directions and type; none where none was given). */
export async function askedStreetExists(db: Db, street: StreetName): Promise<boolean> {
  const same = sql`st_name = ${street.name}
    and st_predir is not distinct from ${street.preDir}::text and st_posdir is not distinct from ${street.postDir}::text
    and st_postyp is not distinct from ${street.type}::text`;
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select 1 as n where exists (select 1 from street_centerlines where ${same}) or exists (select 1 from address_points where ${same})`,
  );
  return rows.length > 0;
}

/** The found answer turned into a suggestion: the street asked for exists, but not with this number. */
export function asSuggestion(answer: Extract<GeocodeAnswer, { found: true }>, asked: StreetName, askedText: string): GeocodeAnswer {
  return {
    status: "not_found",
    found: false,
    suggestions: [answer.matchedAddress],
    candidates: [
      {
        address: answer.matchedAddress,
        lat: answer.lat,
        lng: answer.lng,
        method: answer.method,
        confidence: answer.confidence,
        reason: `${(answer.reasons ?? []).filter((r) => OMITTED.test(r)).join("; ")}, and ${askedText} is a street of its own`,
      },
    ],
    reason: `${askedText} exists in the reference data but does not hold this number; ${answer.matchedAddress} is another street`,
  };
}
