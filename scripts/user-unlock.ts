/**
 * npm run user:unlock -- --email E
 * Ends a lockout (failed sign-ins) of that account, audited: for when someone
 * locked a colleague out on purpose, or the only admin is locked out.
 */
import { userUnlock } from "./commands/user-accounts";
import { runCommand } from "./run-cli";

await runCommand(userUnlock);
