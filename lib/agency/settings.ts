import { env } from "@/lib/env.js";

/** What the UI may show about the agency: configuration, never secrets. */
export interface AgencySettings {
  name: string;
  shortName: string;
  contactEmail: string;
  termsText: string;
  termsVersion: string;
  timeZone: string;
  map: { centerLat: number; centerLng: number; zoom: number; tileUrl: string; tileAttribution: string };
  defaultSearchRadiusM: number;
  maxSearchRadiusM: number;
}

export function agencySettings(): AgencySettings {
  return {
    name: env.AGENCY_NAME,
    shortName: env.AGENCY_SHORT_NAME,
    contactEmail: env.AGENCY_CONTACT_EMAIL,
    termsText: env.AGENCY_TERMS_TEXT.replaceAll("{agency}", env.AGENCY_NAME),
    termsVersion: env.AGENCY_TERMS_VERSION,
    timeZone: env.AGENCY_TIME_ZONE,
    map: {
      centerLat: env.MAP_CENTER_LAT,
      centerLng: env.MAP_CENTER_LNG,
      zoom: env.MAP_ZOOM,
      tileUrl: env.MAP_TILE_URL,
      tileAttribution: env.MAP_TILE_ATTRIBUTION,
    },
    defaultSearchRadiusM: env.DEFAULT_SEARCH_RADIUS_M,
    maxSearchRadiusM: env.MAX_SEARCH_RADIUS_M,
  };
}
