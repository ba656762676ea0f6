/** npm run demo:export -- [dir]: write the synthetic reference layers as files geo:import reads. */
import fs from "node:fs";
import path from "node:path";
import { addressPointsAsOpenAddressesCsv, centerlinesAsNenaGeoJson } from "../lib/demo/westchester/export";
import { generateDemoDataset } from "../lib/demo/westchester/generate";

const dir = path.resolve(process.argv[2] ?? "demo-data");
fs.mkdirSync(dir, { recursive: true });
const dataset = generateDemoDataset();
const centerlines = path.join(dir, "westchester-synthetic-centerlines.geojson");
const points = path.join(dir, "westchester-synthetic-address-points.csv");
fs.writeFileSync(centerlines, JSON.stringify(centerlinesAsNenaGeoJson(dataset)));
fs.writeFileSync(points, addressPointsAsOpenAddressesCsv(dataset));
console.log(`wrote ${centerlines} (${dataset.blocks.length} segments) and ${points} (synthetic data)`);
