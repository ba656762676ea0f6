import type { LngLat } from "@/db/ewkb";
import type { SiteFeature } from "@/lib/investigation/site-features";

export type { LngLat, SiteFeature };

export type SearchMode = "pin" | "route";

/** What the map needs to know about the agency, passed down from the server page. */
export interface MapSettings {
  centerLat: number;
  centerLng: number;
  zoom: number;
  tileUrl: string;
  tileAttribution: string;
}

export interface WorkspaceSettings {
  timeZone: string;
  map: MapSettings;
  defaultSearchRadiusM: number;
  maxSearchRadiusM: number;
}

/** A saved incident, as the incident page hands it to the map to reopen. */
export interface InitialIncident {
  id: string;
  caseNumber: string | null;
  mode: SearchMode;
  pin: LngLat | null;
  route: LngLat[];
  radiusM: number | null;
  widthM: number | null;
  occurredFrom: string;
  occurredTo: string;
}
