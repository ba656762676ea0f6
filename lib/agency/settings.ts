import { DEFAULT_LOCALE } from "@/lib/i18n/config";
import { DEFAULT_TERMS_ES, env } from "@/lib/env.js";

/** What the UI may show about the agency: configuration, never secrets. */
export interface AgencySettings {
  name: string;
  shortName: string;
  contactEmail: string;
  termsText: string;
  termsVersion: string;
  /** Pre-filled in the registration form, editable. */
  defaultCity: string;
  defaultState: string;
  timeZone: string;
  map: { centerLat: number; centerLng: number; zoom: number; tileUrl: string; tileAttribution: string };
  defaultSearchRadiusM: number;
  maxSearchRadiusM: number;
  /** DIRECTIONS_URL_TEMPLATE, for directionsUrl() (lib/agency/directions.ts). */
  directionsUrlTemplate: string;
}

export function agencySettings(): AgencySettings {
  return {
    name: env.AGENCY_NAME,
    shortName: env.AGENCY_SHORT_NAME,
    contactEmail: env.AGENCY_CONTACT_EMAIL,
    termsText: env.AGENCY_TERMS_TEXT.replaceAll("{agency}", env.AGENCY_NAME),
    termsVersion: env.AGENCY_TERMS_VERSION,
    defaultCity: env.AGENCY_DEFAULT_CITY,
    defaultState: env.AGENCY_DEFAULT_STATE,
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
    directionsUrlTemplate: env.DIRECTIONS_URL_TEMPLATE,
  };
}

/**
 * The agency's terms in a resident's language: AGENCY_TERMS_TEXT for English,
 * AGENCY_TERMS_TEXT_<CODE> for the others (AGENCY_TERMS_TEXT_ES…). The built-in
 * Spanish default is used only while the English terms are the built-in ones
 * too, so a resident never reads other terms than the agency configured. No
 * text for a language: the English terms, and `translated: false` so the page says so.
 */
export function termsFor(locale: string, source: Record<string, string | undefined> = process.env): { text: string; translated: boolean } {
  const fill = (text: string) => text.replaceAll("{agency}", env.AGENCY_NAME);
  if (locale === DEFAULT_LOCALE) return { text: fill(env.AGENCY_TERMS_TEXT), translated: true };
  const configured = source[`AGENCY_TERMS_TEXT_${locale.toUpperCase().replace("-", "_")}`]?.trim();
  if (configured) return { text: fill(configured), translated: true };
  if (locale === "es" && !source.AGENCY_TERMS_TEXT?.trim()) return { text: fill(DEFAULT_TERMS_ES), translated: true };
  return { text: fill(env.AGENCY_TERMS_TEXT), translated: false };
}
