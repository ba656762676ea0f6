/**
 * npm run evidence:scan — virus-scan every received evidence item still
 * waiting for a verdict (clamd was down or timed out, the app stopped during a
 * scan, or the item arrived before CLAMAV_HOST was set). Safe to run on a
 * schedule: each item is scanned once to a verdict. Exits non-zero when
 * CLAMAV_HOST is unset or some item is still not scanned.
 */
import { systemActor } from "../lib/audit/record-audit";
import { evidenceRuntime } from "../lib/evidence/runtime";
import { scanAwaitingItems } from "../lib/evidence/virus-scan";
import { runCli } from "./run-cli";

await runCli(async (handle) => {
  const { store, scanner } = evidenceRuntime();
  if (!scanner) throw new Error("Invalid configuration: CLAMAV_HOST is not set, so there is no virus scanner to run");
  const summary = await scanAwaitingItems(handle.db, store, scanner, systemActor("cli:evidence-scan"));
  console.log(summary);
  if (summary.notScanned > 0) process.exitCode = 1;
});
