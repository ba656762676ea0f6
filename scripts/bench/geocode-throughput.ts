/**
 * geocodePerSec: the local geocoder on a mix of addresses that hit an address
 * point and addresses only the centerlines can place (points withheld).
 */
import type { Db } from "../../db/client";
import { heldOutAddresses } from "../../lib/demo/westchester/accuracy";
import { loadDemoReferenceData } from "../../lib/demo/westchester/seed-demo";
import { createLocalGeocoder } from "../../lib/geocode/local";

export const name = "geocodePerSec";

export async function prepare(db: Db): Promise<void> {
  await loadDemoReferenceData(db);
}

export async function measure(db: Db): Promise<{ value: number; detail: string }> {
  const addresses = heldOutAddresses(200).map((a) => a.query);
  const withPoints = createLocalGeocoder(db);
  const centerlinesOnly = createLocalGeocoder(db, { useAddressPoints: false });
  // Warm-up: plan caches and the first page reads are not what a steady state costs.
  for (const q of addresses.slice(0, 20)) await withPoints.geocode(q);
  const started = performance.now();
  let done = 0;
  for (const [i, q] of addresses.entries()) {
    await (i % 2 === 0 ? withPoints : centerlinesOnly).geocode(q);
    done++;
  }
  const seconds = (performance.now() - started) / 1000;
  return { value: Math.round((done / seconds) * 10) / 10, detail: `${done} addresses, half by address point, half interpolated` };
}
