import { parseArgs } from "node:util";
import { seedFixture } from "../lib/demo/seed-fixture";
import { ensureDemoUsers } from "../lib/demo/demo-users";
import { runCli } from "./run-cli";

await runCli(async (handle, args) => {
  const { values } = parseArgs({ args, options: { "demo-users": { type: "boolean", default: false } } });
  const added = await seedFixture(handle.db);
  console.log(
    `seeded the ${handle.kind} database: ${added.registrations} registration(s), ${added.streets} street(s) added (existing rows kept)`,
  );
  // Demo accounts have public passwords: only on explicit request.
  if (values["demo-users"]) {
    const users = await ensureDemoUsers(handle.db);
    console.log(`added ${users} demo staff account(s) (see README "Staff accounts" for their passwords)`);
  }
});
