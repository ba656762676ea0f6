/** `npm run geocode -- "<address>"`: the configured geocoder's answer as JSON. */
import { createGeocoder } from "../lib/geocode";
import { runCli } from "./run-cli";

await runCli(async (handle, args) => {
  const query = args.join(" ").trim();
  if (!query) {
    console.error('usage: npm run geocode -- "<address>"');
    process.exitCode = 2;
    return;
  }
  const answer = await createGeocoder(handle.db).geocode(query);
  console.log(JSON.stringify(answer, null, 2));
  if (!answer.found) process.exitCode = 1;
});
