import type { Metadata } from "next";
import { z } from "zod";
import { getDb } from "@/db/client";
import { InvestigationWorkspace } from "@/components/investigation/investigation-workspace";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { readIncident } from "@/lib/investigation/incidents";
import { initialIncident, workspaceSettings } from "@/lib/investigation/workspace-props";

export const metadata: Metadata = { title: "Investigation map" };
export const dynamic = "force-dynamic";

/** The investigation map; `?incident=<id>` reopens a saved incident. */
export default async function MapPage({ searchParams }: { searchParams: Promise<{ incident?: string }> }) {
  await requireStaffPage("detective", "/map");
  const { incident: incidentId } = await searchParams;
  const detail = incidentId && z.uuid().safeParse(incidentId).success ? await readIncident(await getDb(), incidentId) : null;
  return <InvestigationWorkspace settings={workspaceSettings()} incident={detail ? initialIncident(detail) : null} />;
}
