/**
 * The demo reference layers in the formats an agency would hand over: road
 * centerlines as NG9-1-1 GeoJSON, address points as an OpenAddresses CSV.
 * Used by `npm run demo:export` and the import tests.
 */
import { DEMO_SOURCE, type DemoDataset } from "./generate";
import { DEMO_CITY, DEMO_STATE, DEMO_ZIP } from "./network";

export function centerlinesAsNenaGeoJson(dataset: DemoDataset) {
  return {
    type: "FeatureCollection",
    name: `${DEMO_SOURCE} road centerlines (SYNTHETIC, not real data)`,
    features: dataset.blocks.map((b) => ({
      type: "Feature",
      properties: {
        St_PreDir: b.street.preDir,
        St_Name: b.street.name,
        St_PosTyp: b.street.type,
        FromAddr_L: b.fromAddrL,
        ToAddr_L: b.toAddrL,
        FromAddr_R: b.fromAddrR,
        ToAddr_R: b.toAddrR,
        Parity_L: b.parityL,
        Parity_R: b.parityR,
        Post_Code_L: DEMO_ZIP,
        Post_Code_R: DEMO_ZIP,
        Post_Comm_L: DEMO_CITY,
        Post_Comm_R: DEMO_CITY,
      },
      geometry: { type: "LineString", coordinates: b.coordinates },
    })),
  };
}

export function addressPointsAsOpenAddressesCsv(dataset: DemoDataset): string {
  const lines = ["LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE"];
  for (const h of dataset.houses) {
    if (!h.addressPoint) continue;
    const street = `${h.street.preDir} ${h.street.name} ${h.street.type}`;
    lines.push(
      [h.addressPoint.lng.toFixed(7), h.addressPoint.lat.toFixed(7), h.number, street, "", DEMO_CITY, "COOK", DEMO_STATE, DEMO_ZIP].join(","),
    );
  }
  return lines.join("\n") + "\n";
}
