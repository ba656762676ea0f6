/**
 * Providers tried in order; the first match wins. A provider that fails
 * (timeout, 5xx after retries) is skipped, not fatal: the next one is tried.
 * When none finds the address, the first ambiguous answer is kept (its
 * candidates are real places), else the first suggestions offered.
 */
import type { AddressInput, BatchGeocoder, GeocodeAnswer, GeocodeMiss, Geocoder } from "./types";

/** A provider's answers for many queries; a provider failure becomes that error for each of them. */
async function askProvider(provider: Geocoder, queries: (string | AddressInput)[]): Promise<(GeocodeAnswer | Error)[]> {
  const asError = (err: unknown) => (err instanceof Error ? err : new Error(`${provider.name}: failed`));
  if (provider.geocodeMany) {
    try {
      return await provider.geocodeMany(queries);
    } catch (err) {
      return queries.map(() => asError(err));
    }
  }
  const answers: (GeocodeAnswer | Error)[] = [];
  for (const query of queries) answers.push(await provider.geocode(query).catch(asError));
  return answers;
}

export function chainGeocoders(providers: Geocoder[]): BatchGeocoder {
  async function geocodeMany(queries: (string | AddressInput)[]): Promise<GeocodeAnswer[]> {
    const answers: (GeocodeAnswer | undefined)[] = queries.map(() => undefined);
    const reasons = queries.map((): string[] => []);
    const suggestions = queries.map((): string[] => []);
    const misses = queries.map((): GeocodeMiss | null => null);
    let pending = queries.map((_, i) => i);
    for (const provider of providers) {
      if (pending.length === 0) break;
      const got = await askProvider(
        provider,
        pending.map((i) => queries[i]),
      );
      pending = pending.filter((i, k) => {
        const answer = got[k];
        if (answer instanceof Error) {
          reasons[i].push(answer.message);
          return true;
        }
        if (answer.found) {
          answers[i] = answer;
          return false;
        }
        if (suggestions[i].length === 0) suggestions[i] = answer.suggestions;
        if (!misses[i] || (misses[i]!.status === "not_found" && answer.status === "ambiguous") || (!misses[i]!.candidates?.length && answer.candidates?.length)) {
          misses[i] = answer;
        }
        if (answer.reason) reasons[i].push(answer.reason);
        return true;
      });
    }
    return answers.map(
      (answer, i): GeocodeAnswer =>
        answer ?? {
          status: misses[i]?.status ?? "not_found",
          found: false,
          suggestions: misses[i]?.suggestions.length ? misses[i]!.suggestions : suggestions[i],
          candidates: misses[i]?.candidates ?? [],
          reason: reasons[i].join("; ") || "not found",
        },
    );
  }

  return {
    name: providers.map((p) => p.name).join("+"),
    async geocode(query: string | AddressInput): Promise<GeocodeAnswer> {
      const [answer] = await geocodeMany([query]);
      return answer;
    },
    geocodeMany,
  };
}

/** Many addresses through any geocoder: its batch call when it has one, else one by one. */
export async function geocodeAll(geocoder: Geocoder, queries: (string | AddressInput)[]): Promise<GeocodeAnswer[]> {
  if (geocoder.geocodeMany) return geocoder.geocodeMany(queries);
  const answers: GeocodeAnswer[] = [];
  for (const query of queries) answers.push(await geocoder.geocode(query));
  return answers;
}
