/**
 * The synthetic street network: a 2 × 3 mile piece of the Cook County grid
 * around Westchester, IL. Numbers rise westward and southward, 800 to the
 * mile (every 100 is a block); even numbers are on the north and west sides,
 * as in Chicago. Street names other than the arterials are invented.
 */
import { latForSouthNumber, lngForWestNumber } from "../chicago-grid";
import type { Prng } from "./prng";

export const WEST_FIRST = 10000;
export const WEST_LAST = 11600;
export const SOUTH_FIRST = 1200;
export const SOUTH_LAST = 3100;
export const BLOCK = 100;
export const DEMO_CITY = "WESTCHESTER";
export const DEMO_STATE = "IL";
export const DEMO_ZIP = "60154";

export interface DemoStreet {
  preDir: "W" | "S";
  name: string;
  type: string;
  /** East–west streets sit at a south grid number, north–south ones at a west number. */
  axis: "ew" | "ns";
  gridNumber: number;
  arterial: boolean;
}

export interface DemoBlock {
  index: number;
  street: DemoStreet;
  /** First grid number of the block (e.g. 10300 for the 10300 block). */
  blockStart: number;
  /** Digitized from the low-number end to the high one, unless reversed. */
  reversed: boolean;
  coordinates: [number, number][];
  fromAddrL: number;
  toAddrL: number;
  fromAddrR: number;
  toAddrR: number;
  parityL: "O" | "E";
  parityR: "O" | "E";
}

const EW_ARTERIALS: Record<number, [string, string]> = { 1200: ["ROOSEVELT", "RD"], 2200: ["CERMAK", "RD"], 3100: ["31ST", "ST"] };
const NS_ARTERIALS: Record<number, [string, string]> = { 10400: ["MANNHEIM", "RD"], 10800: ["WESTCHESTER", "BLVD"], 11200: ["WOLF", "RD"] };
const EW_NAMES = [
  "BALMORAL", "CANTERBURY", "DORCHESTER", "ESSEX", "FAIRFIELD", "GLADSTONE", "HAMPTON", "IVANHOE", "KENSINGTON",
  "LANCASTER", "MAYFAIR", "NEWCASTLE", "OXFORD", "PRESTON", "REGENT", "SHERWOOD", "TRAFALGAR",
];
const NS_NAMES = [
  "ASHFORD", "BRISTOL", "CAMBRIDGE", "DERBY", "HULL", "KENT", "NELSON", "SUFFIELD", "WINDSOR", "YORK",
  "HAWTHORNE", "BURTON", "CHESTER", "DEVON",
];

export function demoStreets(): DemoStreet[] {
  const streets: DemoStreet[] = [];
  let ew = 0;
  for (let s = SOUTH_FIRST; s <= SOUTH_LAST; s += BLOCK) {
    const arterial = EW_ARTERIALS[s];
    streets.push(
      arterial
        ? { preDir: "W", name: arterial[0], type: arterial[1], axis: "ew", gridNumber: s, arterial: true }
        : { preDir: "W", name: EW_NAMES[ew++], type: "ST", axis: "ew", gridNumber: s, arterial: false },
    );
  }
  let ns = 0;
  for (let w = WEST_FIRST; w <= WEST_LAST; w += BLOCK) {
    const arterial = NS_ARTERIALS[w];
    streets.push(
      arterial
        ? { preDir: "S", name: arterial[0], type: arterial[1], axis: "ns", gridNumber: w, arterial: true }
        : { preDir: "S", name: NS_NAMES[ns++], type: "AVE", axis: "ns", gridNumber: w, arterial: false },
    );
  }
  return streets;
}

/** [lng, lat] of a grid position: `along` on the street's own numbering, at the street's line. */
export function gridPosition(street: DemoStreet, along: number): [number, number] {
  if (street.axis === "ew") {
    const lat = latForSouthNumber(street.gridNumber);
    return [lngForWestNumber(along, lat), lat];
  }
  const lat = latForSouthNumber(along);
  return [lngForWestNumber(street.gridNumber, lat), lat];
}

export function demoBlocks(streets: DemoStreet[], prng: Prng): DemoBlock[] {
  const blocks: DemoBlock[] = [];
  for (const street of streets) {
    const [first, last] = street.axis === "ew" ? [WEST_FIRST, WEST_LAST] : [SOUTH_FIRST, SOUTH_LAST];
    for (let start = first; start < last; start += BLOCK) {
      // Real centerline files are digitized either way; about a third run against the numbering.
      const reversed = prng.chance(0.33);
      const low = gridPosition(street, start);
      const high = gridPosition(street, start + BLOCK);
      // Walking toward higher numbers (west or south), even numbers (north/west) are on the right.
      const even = { from: start, to: start + BLOCK - 2 };
      const odd = { from: start + 1, to: start + BLOCK - 1 };
      const block: DemoBlock = reversed
        ? {
            index: blocks.length, street, blockStart: start, reversed, coordinates: [high, low],
            fromAddrL: even.to, toAddrL: even.from, parityL: "E",
            fromAddrR: odd.to, toAddrR: odd.from, parityR: "O",
          }
        : {
            index: blocks.length, street, blockStart: start, reversed, coordinates: [low, high],
            fromAddrL: odd.from, toAddrL: odd.to, parityL: "O",
            fromAddrR: even.from, toAddrR: even.to, parityR: "E",
          };
      blocks.push(block);
    }
  }
  return blocks;
}
