/**
 * The API's answer: a GeoJSON FeatureCollection of sites (Point geometry), in
 * ranked order, with the search echoed back in `search`.
 */
import type { SiteResult } from "./find-sites";
import type { RegistrationContacts } from "./registration-contacts";

export interface SiteFeature {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: Omit<SiteResult, "lng" | "lat"> & { rank: number; contacts?: RegistrationContacts | null };
}

export interface SiteFeatureCollection {
  type: "FeatureCollection";
  features: SiteFeature[];
  search: Record<string, unknown>;
  /** Set when a contact cap (lib/investigation/contact-caps.ts) left sites past `returned` without contacts. */
  contactsWithheld?: { requested: number; returned: number; cappedBy: "request" | "daily" };
}

export function toSiteFeatureCollection(
  sites: SiteResult[],
  search: Record<string, unknown>,
  contacts?: RegistrationContacts[],
): SiteFeatureCollection {
  const contactsById = new Map(contacts?.map((c) => [c.registrationId, c]));
  return {
    type: "FeatureCollection",
    search,
    features: sites.map(({ lng, lat, ...properties }, i) => ({
      type: "Feature",
      id: properties.registrationId,
      geometry: { type: "Point", coordinates: [lng, lat] },
      properties: {
        rank: i + 1,
        ...properties,
        ...(contacts ? { contacts: contactsById.get(properties.registrationId) ?? null } : {}),
      },
    })),
  };
}
