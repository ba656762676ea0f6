import type { Metadata } from "next";
import { preload } from "react-dom";
import { z } from "zod";
import { firstViewBbox } from "@/components/map/first-view-box";
import { getDb } from "@/db/client";
import { InvestigationWorkspace } from "@/components/investigation/investigation-workspace";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { readIncident } from "@/lib/investigation/incidents";
import { latitude, longitude } from "@/lib/http/input-fields";
import { initialIncident, workspaceSettings } from "@/lib/investigation/workspace-props";

export const metadata: Metadata = { title: "Investigation map" };
export const dynamic = "force-dynamic";

/** `?center=lat,lng&zoom=17` opens the map there (links from CAD or a case file); bad values are ignored. */
const viewSchema = z.object({
  center: z
    .preprocess((v) => (typeof v === "string" ? v.split(",") : v), z.tuple([latitude, longitude]))
    .optional()
    .catch(undefined),
  zoom: z.coerce.number().int().min(1).max(20).optional().catch(undefined),
});

/** The investigation map; `?incident=<id>` reopens a saved incident. */
export default async function MapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage("detective", "/map");
  const query = await searchParams;
  const incidentId = typeof query.incident === "string" ? query.incident : undefined;
  const detail = incidentId && z.uuid().safeParse(incidentId).success ? await readIncident(await getDb(), incidentId, { timeZone: agencySettings().timeZone }) : null;
  const view = viewSchema.parse({ center: typeof query.center === "string" ? query.center : undefined, zoom: typeof query.zoom === "string" ? query.zoom : undefined });
  const settings = workspaceSettings();
  if (view.center) [settings.map.centerLat, settings.map.centerLng] = view.center;
  if (view.zoom) settings.map.zoom = view.zoom;
  // The browser fetches the map layers' first answers while the map's scripts load (see first-view-box.ts).
  // crossOrigin "anonymous" sends the session cookie (same origin) and matches the map's fetch(), so it is used.
  const bbox = firstViewBbox(settings.map);
  for (const layer of ["sites", "streets"]) preload(`/api/map/${layer}?bbox=${bbox}`, { as: "fetch", crossOrigin: "anonymous" });
  return <InvestigationWorkspace settings={settings} incident={detail ? initialIncident(detail) : null} />;
}
