import { parseArgs } from "node:util";
import { seedDemo } from "../lib/demo/westchester/seed-demo";
import { ensureDemoUsers } from "../lib/demo/demo-users";
import { runCli } from "./run-cli";

await runCli(async (handle, args) => {
  const { values } = parseArgs({ args, options: { "demo-users": { type: "boolean", default: false } } });
  const started = Date.now();
  const added = await seedDemo(handle.db);
  const methods = Object.entries(added.byMethod).map(([m, n]) => `${m} ${n}`).join(", ") || "none new";
  console.log(
    `seeded the synthetic Westchester demo into the ${handle.kind} database in ${Date.now() - started} ms: ` +
      `${added.centerlines} centerline segment(s), ${added.addressPoints} address point(s), ` +
      `${added.registrations} registration(s), ${added.cameras} camera(s) added (existing rows kept); ` +
      `placed by the local geocoder: ${methods}${added.notPlaced ? `; not placed: ${added.notPlaced}` : ""}`,
  );
  // Demo accounts have public passwords: only on explicit request.
  if (values["demo-users"]) {
    const users = await ensureDemoUsers(handle.db);
    console.log(`added ${users} demo staff account(s) (see README "Staff accounts" for their passwords)`);
  }
});
