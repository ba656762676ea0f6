import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { ParsedStreetAddress } from "../parse";
import type { GeocodeCandidate } from "../types";
import { candidateOf, centerlinePlaces, pointPlaces } from "./judge";
import { queryRows } from "./rows";
import { CENTERLINE_COLUMNS, POINT_COLUMNS, rangeHolds, toCenterlineRow, type AddressPointRow, type CenterlineData } from "./street-candidates";
import { streetKey } from "./street-score";

const MAX_SUGGESTIONS = 5;

interface SuggestionRow {
  st_predir: string | null;
  st_name: string;
  st_postyp: string | null;
  st_posdir: string | null;
}

/**
 * Step 4: the closest known street names. Trigram similarity (GIN index) finds
 * misspellings with shared fragments; Levenshtein and Soundex over centerline
 * names catch short names and sound-alikes the trigrams miss.
 */
export async function suggestStreets(db: Db, streetNames: string[]): Promise<string[]> {
  const suggestions: string[] = [];
  for (const raw of streetNames) {
    const name = raw.slice(0, 100);
    if (!name) continue;
    const rows = await queryRows<SuggestionRow>(
      db,
      sql`select st_predir, st_name, st_postyp, st_posdir
          from (
            select st_predir, st_name, st_postyp, st_posdir, similarity(st_name, ${name}) as sim,
              levenshtein(left(st_name, 100), ${name}) as edits
            from street_centerlines
            where st_name % ${name} or levenshtein(left(st_name, 100), ${name}) <= 2 or soundex(st_name) = soundex(${name})
            union all
            select st_predir, st_name, st_postyp, st_posdir, similarity(st_name, ${name}), levenshtein(left(st_name, 100), ${name})
            from address_points
            where st_name % ${name}
          ) candidates
          group by st_predir, st_name, st_postyp, st_posdir
          order by max(sim) desc, min(edits) asc, st_name
          limit ${MAX_SUGGESTIONS}`,
    );
    for (const row of rows) {
      const key = streetKey({ preDir: row.st_predir, name: row.st_name, type: row.st_postyp, postDir: row.st_posdir });
      if (!suggestions.includes(key)) suggestions.push(key);
    }
  }
  return suggestions.slice(0, MAX_SUGGESTIONS * streetNames.length);
}

/** At most this many letters may differ for a name to be a "did you mean" (and fewer for short names). */
const maxEditsFor = (name: string) => (name.length <= 4 ? 1 : name.length <= 8 ? 2 : 3);

/**
 * Did you mean: street names within a few edits of the one asked that hold
 * this house number, within the ZIP or city when one was given, ranked by
 * edit distance ("Centrl" → CENTRAL, "Madisn" → MADISON).
 */
export async function suggestAddresses(db: Db, address: ParsedStreetAddress, sideOffsetM?: number): Promise<GeocodeCandidate[]> {
  const name = address.street.name.slice(0, 100);
  const maxEdits = maxEditsFor(name);
  const n = address.number;
  const zip = address.zip;
  const city = address.city;
  const pointRows = await queryRows<AddressPointRow & { edits: number }>(
    db,
    sql`select ${POINT_COLUMNS}, levenshtein(left(st_name, 100), ${name}) as edits from address_points
        where add_number = ${n} and levenshtein(left(st_name, 100), ${name}) between 1 and ${maxEdits}
          and (${zip}::text is null or zip = ${zip}) and (${zip}::text is not null or ${city}::text is null or city = ${city})
        order by edits limit 20`,
  );
  const lineRows = await queryRows<CenterlineData & { edits: number }>(
    db,
    sql`select ${CENTERLINE_COLUMNS}, levenshtein(left(st_name, 100), ${name}) as edits from street_centerlines
        where ${rangeHolds(sql`${n}::int`)} and levenshtein(left(st_name, 100), ${name}) between 1 and ${maxEdits}
          and (${zip}::text is null or zip_l = ${zip} or zip_r = ${zip})
          and (${zip}::text is not null or ${city}::text is null or city_l = ${city} or city_r = ${city})
        order by edits limit 20`,
  );
  // Judged as if the name had been typed right: the other components still have to agree.
  const asNamed = (stName: string): ParsedStreetAddress => ({ ...address, street: { ...address.street, name: stName } });
  const judged = [
    ...pointRows.flatMap((row) => pointPlaces(asNamed(row.st_name), [row]).map((j) => ({ j, edits: Number(row.edits) }))),
    ...lineRows.flatMap((row) =>
      centerlinePlaces(asNamed(row.st_name), [toCenterlineRow(row)], sideOffsetM).map((j) => ({ j, edits: Number(row.edits) })),
    ),
  ].sort((x, y) => x.edits - y.edits || x.j.contradictions.length - y.j.contradictions.length || y.j.confidence - x.j.confidence);
  const out: GeocodeCandidate[] = [];
  for (const { j, edits } of judged) {
    const candidate = candidateOf(asNamed(j.place.street.name), j, `similar street name (${edits} ${edits === 1 ? "letter" : "letters"} differ)${j.contradictions.length ? `; ${j.contradictions.join("; ")}` : ""}`);
    if (!out.some((c) => c.address === candidate.address)) out.push(candidate);
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}
