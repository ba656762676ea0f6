import fs from "node:fs";
import { Readable } from "node:stream";
import path from "node:path";
import { agencySettings } from "@/lib/agency/settings";
import { withRole } from "@/lib/auth/with-role";
import { buildEvidencePackage } from "@/lib/evidence/package";
import { evidenceDir, evidenceRuntime } from "@/lib/evidence/runtime";
import { requireUuid } from "@/lib/http/errors";

type Params = { params: Promise<{ id: string }> };

/**
 * GET /api/incidents/{id}/evidence/package?reason=…: the prosecutor's ZIP (files,
 * manifest.csv, manifest.pdf). Every file is re-hashed first; the package's own
 * SHA-256 is in X-Package-SHA256 and in the custody log of every item in it.
 */
export const GET = withRole<Params>("detective", async (request, { db, actor }, { params }) => {
  const id = requireUuid((await params).id, "incident not found");
  const { store, scanner } = evidenceRuntime();
  const result = await buildEvidencePackage(db, store, actor, id, {
    scanner,
    reason: request.nextUrl.searchParams.get("reason"),
    workDir: path.join(evidenceDir(), "packages"),
    timeZone: agencySettings().timeZone,
  });
  const stream = fs.createReadStream(result.file);
  // The package is made for this download only: removed once sent (or if the client goes away).
  stream.on("close", () => fs.rm(result.file, { force: true }, () => {}));
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/zip",
      "content-length": String(result.bytes),
      "content-disposition": `attachment; filename="${result.fileName}"`,
      "x-package-sha256": result.sha256,
      "cache-control": "no-store",
    },
  });
});
