import { describe, expect, it } from "vitest";
import { latForSouthNumber, lngForWestNumber, southNumberForLat, westNumberForLng } from "@/lib/demo/chicago-grid";

describe("Chicago address grid", () => {
  it("puts 10300 W Roosevelt Rd near 87.878 W, 41.867 N", () => {
    const lat = latForSouthNumber(1200);
    expect(lat).toBeCloseTo(41.8673, 3);
    expect(lngForWestNumber(10300, lat)).toBeCloseTo(-87.878, 2);
  });

  it("inverts", () => {
    const lat = latForSouthNumber(2200);
    expect(southNumberForLat(lat)).toBeCloseTo(2200, 6);
    for (const n of [0, 600, 1200, 1750, 3100, 4000]) expect(southNumberForLat(latForSouthNumber(n))).toBeCloseTo(n, 6);
    expect(westNumberForLng(lngForWestNumber(10950, lat), lat)).toBeCloseTo(10950, 6);
  });
});
