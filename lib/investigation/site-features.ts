/**
 * The API's answer: a GeoJSON FeatureCollection of sites (Point geometry), in
 * ranked order, with the search echoed back in `search`.
 */
import type { SiteResult } from "./find-sites";
import type { RegistrationContacts } from "./registration-contacts";
import type { PageInfo } from "./result-page";

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
  /** Which part of the ranking this answer is (result-page.ts); absent only where nothing is paged. */
  page?: PageInfo;
  /** Set when a contact cap (lib/investigation/contact-caps.ts) left sites past `returned` without contacts. */
  contactsWithheld?: { requested: number; returned: number; cappedBy: "request" | "daily" };
}

export function toSiteFeatureCollection(
  sites: SiteResult[],
  search: Record<string, unknown>,
  contacts?: RegistrationContacts[],
  page?: PageInfo,
): SiteFeatureCollection {
  const contactsById = new Map(contacts?.map((c) => [c.registrationId, c]));
  const rankOffset = page?.offset ?? 0;
  return {
    type: "FeatureCollection",
    search,
    ...(page ? { page } : {}),
    features: sites.map(({ lng, lat, ...properties }, i) => ({
      type: "Feature",
      id: properties.registrationId,
      geometry: { type: "Point", coordinates: [lng, lat] },
      properties: {
        rank: rankOffset + i + 1,
        ...properties,
        ...(contacts ? { contacts: contactsById.get(properties.registrationId) ?? null } : {}),
      },
    })),
  };
}
