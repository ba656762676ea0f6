/**
 * The geocoding contract every provider (local PostGIS, US Census, Nominatim)
 * answers in, and that registration, the map's address box and the CLI use.
 */
export type GeocodeMethod = "address_point" | "interpolated" | "intersection" | "manual" | "remote";

export interface AddressInput {
  line1: string;
  unit?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
}

export interface GeocodeMatch {
  found: true;
  lat: number;
  lng: number;
  matchedAddress: string;
  method: GeocodeMethod;
  /** 0..1 */
  confidence: number;
  /** Which provider or reference layer answered, e.g. "local:address_points", "census". */
  source: string;
}

export interface GeocodeMiss {
  found: false;
  /** Closest known street names, for "did you mean". */
  suggestions: string[];
  /** Why nothing matched, for staff (never shown with the address in logs). */
  reason?: string;
}

export type GeocodeAnswer = GeocodeMatch | GeocodeMiss;

export interface Geocoder {
  name: string;
  geocode(query: string | AddressInput): Promise<GeocodeAnswer>;
  /**
   * Many addresses at once, answers in the same order: for bulk paths (imports,
   * the demo seed, accuracy runs). Providers that can batch (local: one SQL
   * statement for a whole batch) implement it; use geocodeAll to call either.
   */
  geocodeMany?(queries: (string | AddressInput)[]): Promise<GeocodeAnswer[]>;
}

/** A geocoder that always has the batch call (local; the provider chain). */
export interface BatchGeocoder extends Geocoder {
  geocodeMany(queries: (string | AddressInput)[]): Promise<GeocodeAnswer[]>;
}
