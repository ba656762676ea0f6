/**
 * npm run evidence:purge — run daily (also part of registrations:maintenance):
 * delete the files of evidence whose incident was closed more than
 * EVIDENCE_RETENTION_DAYS ago and is not on legal hold; each item stays listed
 * as purged, with a "purged" custody event.
 */
import { systemActor } from "../lib/audit/record-audit";
import { env } from "../lib/env.js";
import { runEvidenceRetention } from "../lib/evidence/retention";
import { evidenceDir } from "../lib/evidence/runtime";
import { createLocalEvidenceStore } from "../lib/evidence/storage";
import { runCli } from "./run-cli";

await runCli(async (handle) => {
  console.log(await runEvidenceRetention(handle.db, createLocalEvidenceStore(evidenceDir()), env.EVIDENCE_RETENTION_DAYS, systemActor("cli:evidence-purge")));
});
