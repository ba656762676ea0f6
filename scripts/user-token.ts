/**
 * npm run user:token -- --email E [--days N] [--name LABEL] [--admin]: prints a new API token for that
 * user, once. An admin's token acts as a supervisor unless --admin is given.
 */
import { userToken } from "./commands/user-accounts";
import { runCommand } from "./run-cli";

await runCommand(userToken);
