/**
 * Providers tried in order; the first match wins. A provider that fails
 * (timeout, 5xx after retries) is skipped, not fatal: the next one is tried.
 * A miss keeps the first suggestions offered (the local street names).
 */
import type { AddressInput, GeocodeAnswer, Geocoder } from "./types";

export function chainGeocoders(providers: Geocoder[]): Geocoder {
  return {
    name: providers.map((p) => p.name).join("+"),
    async geocode(query: string | AddressInput): Promise<GeocodeAnswer> {
      const reasons: string[] = [];
      let suggestions: string[] = [];
      for (const provider of providers) {
        let answer: GeocodeAnswer;
        try {
          answer = await provider.geocode(query);
        } catch (err) {
          reasons.push(err instanceof Error ? err.message : `${provider.name}: failed`);
          continue;
        }
        if (answer.found) return answer;
        if (suggestions.length === 0) suggestions = answer.suggestions;
        if (answer.reason) reasons.push(answer.reason);
      }
      return { found: false, suggestions, reason: reasons.join("; ") || "not found" };
    },
  };
}
