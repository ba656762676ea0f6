/**
 * Synthetic buildings along the demo blocks, with their true positions (the
 * "synthetic truth" the accuracy report measures against) and the address
 * point a 9-1-1 authority would have digitized for them. A few buildings have
 * no address point, as new construction often does not yet.
 */
import * as turf from "@turf/turf";
import { BLOCK, gridPosition, type DemoBlock, type DemoStreet } from "./network";
import type { Prng } from "./prng";

export interface DemoHouse {
  index: number;
  number: number;
  street: DemoStreet;
  block: DemoBlock;
  /** Which side of the street, as a compass direction from the street to the building. */
  facingFromStreetDeg: number;
  business: boolean;
  /** Where the building really is. */
  truth: { lng: number; lat: number };
  /** The digitized address point (a few metres off the truth), or null when the layer lacks it. */
  addressPoint: { lng: number; lat: number } | null;
  /** Two streets meet within half a block: a corner lot. */
  cornerOf: DemoStreet | null;
}

const SHARE_WITHOUT_ADDRESS_POINT = 0.08;

function housesPerSide(block: DemoBlock, prng: Prng): number {
  if (block.street.arterial) return prng.int(1, 4);
  // Houses face the north–south avenues; the east–west side streets mostly see side yards.
  return block.street.axis === "ns" ? prng.int(5, 8) : prng.int(0, 2);
}

export function demoHouses(blocks: DemoBlock[], crossStreetAt: (street: DemoStreet, gridNumber: number) => DemoStreet | null, prng: Prng): DemoHouse[] {
  const houses: DemoHouse[] = [];
  for (const block of blocks) {
    for (const parity of [0, 1] as const) {
      const count = housesPerSide(block, prng);
      if (count === 0) continue;
      // Spread the lots along the block, then snap each to a number of the side's parity.
      const slot = (BLOCK - 8) / count;
      const used = new Set<number>();
      for (let i = 0; i < count; i++) {
        let number = block.blockStart + 4 + Math.floor(slot * i + prng.next() * slot * 0.6);
        if (number % 2 !== parity) number += 1;
        if (number >= block.blockStart + BLOCK || used.has(number)) continue;
        used.add(number);
        houses.push(placeHouse(houses.length, block, number, crossStreetAt, prng));
      }
    }
  }
  return houses;
}

function placeHouse(
  index: number,
  block: DemoBlock,
  number: number,
  crossStreetAt: (street: DemoStreet, gridNumber: number) => DemoStreet | null,
  prng: Prng,
): DemoHouse {
  const street = block.street;
  const even = number % 2 === 0;
  // Even: north side of an east–west street, west side of a north–south one.
  const facingFromStreetDeg = street.axis === "ew" ? (even ? 0 : 180) : even ? 270 : 90;
  const business = street.arterial;
  const setbackM = business ? 18 + prng.next() * 22 : 12 + prng.next() * 10;
  const onStreet = gridPosition(street, number);
  const truth = turf.destination(onStreet, setbackM, facingFromStreetDeg, { units: "meters" }).geometry.coordinates;
  const hasPoint = !prng.chance(SHARE_WITHOUT_ADDRESS_POINT);
  const digitized = hasPoint
    ? turf.destination(truth, prng.next() * 3, prng.next() * 360, { units: "meters" }).geometry.coordinates
    : null;
  const offset = number - block.blockStart;
  const corner = offset < 12 ? crossStreetAt(street, block.blockStart) : offset > BLOCK - 12 ? crossStreetAt(street, block.blockStart + BLOCK) : null;
  return {
    index,
    number,
    street,
    block,
    facingFromStreetDeg,
    business,
    truth: { lng: truth[0], lat: truth[1] },
    addressPoint: digitized ? { lng: digitized[0], lat: digitized[1] } : null,
    cornerOf: corner,
  };
}
