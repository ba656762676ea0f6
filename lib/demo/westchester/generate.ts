/**
 * The whole synthetic Westchester dataset from one seed: streets, blocks
 * (centerlines with NG9-1-1 ranges), buildings with their truth and address
 * points, and registrations. Same seed, same data, on every machine.
 */
import { demoHouses, type DemoHouse } from "./houses";
import { demoBlocks, demoStreets, type DemoBlock, type DemoStreet } from "./network";
import { createPrng } from "./prng";
import { demoRegistrations, type DemoRegistration } from "./registrations";

export const DEMO_SEED = 20260115;
export const DEMO_SOURCE = "synthetic-demo";

export interface DemoDataset {
  streets: DemoStreet[];
  blocks: DemoBlock[];
  houses: DemoHouse[];
  registrations: DemoRegistration[];
}

let cached: DemoDataset | undefined;

export function generateDemoDataset(seed = DEMO_SEED): DemoDataset {
  if (seed === DEMO_SEED && cached) return cached;
  const prng = createPrng(seed);
  const streets = demoStreets();
  const blocks = demoBlocks(streets, prng);
  const crossStreetAt = (street: DemoStreet, gridNumber: number) =>
    streets.find((s) => s.axis !== street.axis && s.gridNumber === gridNumber) ?? null;
  const houses = demoHouses(blocks, crossStreetAt, prng);
  const registrations = demoRegistrations(houses, prng);
  const dataset = { streets, blocks, houses, registrations };
  if (seed === DEMO_SEED) cached = dataset;
  return dataset;
}
