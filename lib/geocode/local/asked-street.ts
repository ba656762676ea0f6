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

/**
 * Which of these streets the reference data has exactly (same directions and type; none where none was given),
 * in one statement for a whole batch (index: st_name on both layers).
 */
export async function existingStreets(db: Db, streets: StreetName[]): Promise<Set<number>> {
  if (streets.length === 0) return new Set();
  const asked = JSON.stringify(streets.map((s, i) => ({ i, name: s.name, pre: s.preDir, typ: s.type, post: s.postDir })));
  const same = (table: string) =>
    sql.raw(`select 1 from ${table} r where r.st_name = q.name and r.st_predir is not distinct from q.pre
      and r.st_posdir is not distinct from q.post and r.st_postyp is not distinct from q.typ`);
  const rows = await queryRows<{ i: number }>(
    db,
    sql`select q.i from jsonb_to_recordset(${asked}::jsonb) as q(i int, name text, pre text, typ text, post text)
        where exists (${same("street_centerlines")}) or exists (${same("address_points")})`,
  );
  return new Set(rows.map((r) => Number(r.i)));
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
