/**
 * npm run user:create -- --email E --name N --role R
 * The password is read from standard input; with nothing on stdin one is
 * generated and printed once. How a new deployment gets its first admin.
 */
import { userCreate } from "./commands/user-accounts";
import { runCommand } from "./run-cli";

await runCommand(userCreate);
