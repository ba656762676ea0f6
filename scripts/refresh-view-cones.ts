/**
 * Rebuild cameras.view_cone from bearing / field of view / range for rows
 * written without one. `--all` recomputes every camera (e.g. after the cone
 * shape changed); the default only fills cameras that have a bearing but no cone.
 */
import { refreshViewCones } from "../lib/investigation/refresh-view-cones";
import { runCli } from "./run-cli";

await runCli(async (handle, args) => {
  const all = args.includes("--all");
  const { updated } = await handle.db.transaction((tx) => refreshViewCones(tx, undefined, { onlyMissing: !all }));
  console.log(`refreshed ${updated} view cone(s) in the ${handle.kind} database${all ? "" : " (cameras with a bearing and no cone)"}`);
});
