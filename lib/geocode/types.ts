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

/**
 * What each answer's confidence means (local geocoder; remote providers map
 * their own scores into the same range):
 * - 1.0  an address point, and every component given agrees with it;
 * - 0.85 interpolated along a centerline range, every component given agrees;
 * - 0.8  where two named streets meet;
 * - minus 0.05 for each thing the query left out that the reference data has
 *   (a directional, the street type, any ZIP or city) and for a house-number
 *   suffix or unit the reference data does not list.
 * A contradicting component (direction, type, ZIP, city) is never a match:
 * it becomes a candidate with its reason. `found` therefore never rests on a
 * guess; `ambiguous` lists equally good places more than 100 m apart.
 */
export type GeocodeStatus = "found" | "ambiguous" | "not_found";

/** A place the reference data knows that is close to what was asked, and why it is not the answer. */
export interface GeocodeCandidate {
  address: string;
  lat: number;
  lng: number;
  method: GeocodeMethod;
  confidence: number;
  /** "ambiguous: same fit", "direction differs (asked SE, reference W)", "similar street name (1 edit)". */
  reason: string;
}

export interface GeocodeMatch {
  status: "found";
  found: true;
  lat: number;
  lng: number;
  matchedAddress: string;
  method: GeocodeMethod;
  /** 0..1, see above. */
  confidence: number;
  /** Which provider or reference layer answered, e.g. "local:address_points", "census". */
  source: string;
  /** What lowered the confidence ("no directional given; reference has W"), empty when exact. */
  reasons?: string[];
}

export interface GeocodeMiss {
  status: "ambiguous" | "not_found";
  found: false;
  /** The candidates' addresses (or closest street names), for clients that only show text. */
  suggestions: string[];
  /** Did-you-mean and ambiguity candidates with their positions, best first. */
  candidates?: GeocodeCandidate[];
  /** Why nothing matched, for staff (never shown with the address in logs). */
  reason?: string;
}

export type GeocodeAnswer = GeocodeMatch | GeocodeMiss;

export function notFound(reason: string, suggestions: string[] = [], candidates: GeocodeCandidate[] = []): GeocodeMiss {
  return { status: "not_found", found: false, suggestions, candidates, reason };
}

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
