import { seedFixture } from "../lib/demo/seed-fixture";
import { runCli } from "./run-cli";

await runCli(async (handle) => {
  const added = await seedFixture(handle.db);
  console.log(
    `seeded the ${handle.kind} database: ${added.registrations} registration(s), ${added.streets} street(s) added (existing rows kept)`,
  );
});
