/**
 * A small seeded PRNG (mulberry32) so the synthetic demo dataset is the same
 * on every machine and every run. Not for anything secret.
 */
export interface Prng {
  next(): number;
  int(min: number, maxInclusive: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: T[]): T[];
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const prng: Prng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return items[items.length - 1][0];
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
  };
  return prng;
}

/** Id kinds, so each table's demo rows have their own stable id space. */
export const DEMO_ID_KIND = { centerline: 1, addressPoint: 2, registration: 3, camera: 4 } as const;

/** Stable ids for demo rows, so re-seeding skips what is there: kind 1..f, index up to 2^48. */
export function demoUuid(kind: number, index: number): string {
  return `de000000-0000-4000-800${kind.toString(16)}-${index.toString(16).padStart(12, "0")}`;
}
