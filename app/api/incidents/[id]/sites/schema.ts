import { z } from "zod";
import { pageAfter, pageLimit } from "@/lib/investigation/result-page";

/** GET /api/incidents/{id}/sites?limit=100|all&after=<page.next> */
export const incidentSitesQuerySchema = z.object({
  limit: pageLimit.optional(),
  after: pageAfter.optional(),
});

export const INCIDENT_SITES_QUERY_KEYS = ["limit", "after"] as const;
