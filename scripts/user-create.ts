/**
 * npm run user:create -- --email E --name N --role R
 * The password is read from standard input; with nothing on stdin one is
 * generated and printed once. How a new deployment gets its first admin.
 */
import { parseArgs } from "node:util";
import { createStaffUser } from "../lib/accounts/users";
import { operatorContext } from "../lib/auth/mutation-context";
import { readPasswordFromStdin } from "./support/read-stdin";
import { runCli } from "./run-cli";

await runCli(async (handle, args) => {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
  });
  const password = await readPasswordFromStdin();
  const result = await createStaffUser(operatorContext(handle.db, "cli"), {
    email: values.email ?? "",
    name: values.name ?? "",
    role: values.role ?? "",
    password: password ?? undefined,
  });
  if (!result.ok) {
    for (const [field, message] of Object.entries(result.errors)) console.error(`error: --${field} ${message}`);
    process.exitCode = 1;
    return;
  }
  console.log(`created ${result.user.role} ${result.user.email} (${result.user.id})`);
  if (result.generatedPassword) console.log(`password (shown once): ${result.generatedPassword}`);
});
