import { tusServer } from "@/lib/evidence/tus-server";

/**
 * tus 1.0 resumable uploads of evidence (creation at POST /api/uploads, then
 * HEAD/PATCH /api/uploads/{id}). Public: an owner authenticates with the
 * footage request's token (Upload-Metadata `token` on creation, the
 * X-Footage-Token header after); staff uploading in person with their session
 * or API token. Checks live in lib/evidence/tus-server.ts.
 */
export const dynamic = "force-dynamic";

const handle = (request: Request) => tusServer().handleWeb(request);

export const POST = handle;
export const HEAD = handle;
export const PATCH = handle;
export const OPTIONS = handle;
