import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "./rows";
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
