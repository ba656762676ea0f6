/**
 * geocodePerSec: the local geocoder on a mix of addresses that hit an address
 * point and addresses only the centerlines can place (points withheld), in
 * batches through geocodeMany (how bulk paths call it). The detail adds the
 * one-at-a-time rate (the map's address box, one registration).
 * Every measured address is distinct and the parse cache is emptied before
 * each run, so neither figure is flattered by cache hits. Each figure is the
 * median of ROUNDS runs: on a shared 2-core machine one run can be halved by
 * a neighbour's burst.
 *
 * The figures are a running app's steady state: before them, WARM_UP_PASSES
 * passes over WARM_UP other addresses (one at a time, then geocodeMany). V8
 * optimises the parser and the geocoder over the first few thousand
 * addresses (Node's CPU per address fell ~943 → 608 → 386 µs over the first
 * three rounds of 1 000, README "Accuracy and throughput"); with the 100-address
 * warm-up used until 2026-11-29 the figures measured mostly code not yet
 * optimised. The first pass's one-at-a-time rate is still reported (`cold`).
 */
import type { Db } from "../../db/client";
import { heldOutAddresses } from "../../lib/demo/westchester/accuracy";
import { loadDemoReferenceData } from "../../lib/demo/westchester/seed-demo";
import { createLocalGeocoder } from "../../lib/geocode/local";
import { clearParseCache } from "../../lib/geocode/parse-cache";
import type { BatchGeocoder, GeocodeAnswer } from "../../lib/geocode/types";

export const name = "geocodePerSec";

const WARM_UP = 3000;
const WARM_UP_PASSES = 3;
const MEASURED = 1000;
const ROUNDS = 3;

export async function prepare(db: Db): Promise<void> {
  await loadDemoReferenceData(db);
}

async function rate(addresses: string[], run: (half: string[], geocoder: BatchGeocoder) => Promise<GeocodeAnswer[]>, db: Db) {
  const withPoints = createLocalGeocoder(db);
  const centerlinesOnly = createLocalGeocoder(db, { useAddressPoints: false });
  const evens = addresses.filter((_, i) => i % 2 === 0);
  const odds = addresses.filter((_, i) => i % 2 === 1);
  clearParseCache();
  const started = performance.now();
  const answers = [...(await run(evens, withPoints)), ...(await run(odds, centerlinesOnly))];
  const seconds = (performance.now() - started) / 1000;
  const notFound = answers.filter((a) => !a.found).length;
  if (notFound > 0) throw new Error(`${notFound} of ${answers.length} bench addresses were not found`);
  return Math.round((answers.length / seconds) * 10) / 10;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function measure(db: Db): Promise<{ value: number; detail: string }> {
  const all = heldOutAddresses(WARM_UP + MEASURED).map((a) => a.query);
  const warmUp = all.slice(0, WARM_UP);
  const addresses = all.slice(WARM_UP);
  // Warm-up on other addresses: plan caches, the first page reads and code V8 has not optimised yet are not what a steady state costs.
  let coldRate = 0;
  clearParseCache();
  for (let pass = 0; pass < WARM_UP_PASSES; pass++) {
    const started = performance.now();
    for (const q of warmUp) await createLocalGeocoder(db).geocode(q);
    if (pass === 0) coldRate = Math.round((warmUp.length / ((performance.now() - started) / 1000)) * 10) / 10;
    await createLocalGeocoder(db).geocodeMany(warmUp);
  }

  const oneByOneRates: number[] = [];
  const batchedRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    oneByOneRates.push(
      await rate(
        addresses,
        async (half, geocoder) => {
          const answers = [];
          for (const q of half) answers.push(await geocoder.geocode(q));
          return answers;
        },
        db,
      ),
    );
    batchedRates.push(await rate(addresses, (half, geocoder) => geocoder.geocodeMany(half), db));
  }
  const oneByOne = median(oneByOneRates);
  const batched = median(batchedRates);
  return {
    value: batched,
    detail:
      `${addresses.length} distinct addresses, half by address point, half interpolated; median of ${ROUNDS}: geocodeMany ${batched}/s, one at a time ${oneByOne}/s; ` +
      `after ${WARM_UP_PASSES} warm-up passes over ${warmUp.length} other addresses, the first of which ran one at a time at ${coldRate}/s (code not yet optimised)`,
  };
}
