/**
 * Geocoding must never cost a resident their registration: a provider that
 * throws or hangs counts as "not found", and the registration is saved for
 * staff to place by hand.
 */
import type { AddressInput, GeocodeAnswer, Geocoder } from "@/lib/geocode/types";

export async function geocodeWithTimeout(geocoder: Geocoder, address: AddressInput, timeoutMs: number): Promise<GeocodeAnswer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<GeocodeAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ status: "not_found", found: false, suggestions: [], reason: `geocoder timed out after ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([
      geocoder.geocode(address).catch(
        (err: unknown): GeocodeAnswer => ({
          status: "not_found",
          found: false,
          suggestions: [],
          reason: `geocoder failed: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300),
        }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
