/**
 * What a search answers beyond the sites and their cameras' parameters:
 * `include=contacts` (each read audited and capped) and `include=cones` (every
 * camera's stored cone polygon as `viewCone`), comma-separated, in the query
 * string or the along body. The map asks for neither: it draws cones from the
 * parameters (buildViewCone, view-cone.ts), as the server built them.
 */
import { z } from "zod";

export const SEARCH_INCLUDES = ["contacts", "cones"] as const;
export type SearchInclude = (typeof SEARCH_INCLUDES)[number];

export const searchInclude = z
  .string()
  .transform((s) => s.split(",").map((part) => part.trim()))
  .pipe(z.array(z.enum(SEARCH_INCLUDES, { error: 'each value is "contacts" or "cones" (comma-separated)' })));

export interface SearchIncludes {
  contacts: boolean;
  cones: boolean;
}

export function searchIncludes(...lists: (readonly SearchInclude[] | undefined)[]): SearchIncludes {
  const all = new Set(lists.flatMap((l) => l ?? []));
  return { contacts: all.has("contacts"), cones: all.has("cones") };
}
