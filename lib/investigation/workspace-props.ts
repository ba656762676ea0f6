import "server-only";
/** What the server pages hand the map's client island: settings and, when reopening, the saved incident. */
import type { InitialIncident, WorkspaceSettings } from "@/lib/investigation/workspace-types";
import { agencySettings } from "@/lib/agency/settings";
import type { IncidentDetail } from "./incidents";

export function workspaceSettings(): WorkspaceSettings {
  const agency = agencySettings();
  return {
    timeZone: agency.timeZone,
    map: agency.map,
    defaultSearchRadiusM: agency.defaultSearchRadiusM,
    maxSearchRadiusM: agency.maxSearchRadiusM,
  };
}

export function initialIncident(detail: IncidentDetail): InitialIncident {
  const { area } = detail;
  return {
    id: detail.id,
    caseNumber: detail.caseNumber,
    mode: area.kind === "point" ? "pin" : "route",
    pin: area.kind === "point" ? [area.lng, area.lat] : null,
    route: area.kind === "route" ? area.route.coordinates : [],
    radiusM: area.kind === "point" ? area.radiusM : null,
    widthM: area.kind === "route" ? area.widthM : null,
    occurredFrom: detail.occurredFrom,
    occurredTo: detail.occurredTo,
  };
}
