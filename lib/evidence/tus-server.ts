import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { ERRORS, Server, type CancellationContext, type Upload } from "@tus/server";
import { getDb, type Db } from "@/db/client";
import { canvassEntries, evidenceItems, footageRequests, type EvidenceItem } from "@/db/schema";
import { publicActor, type AuditActor } from "@/lib/audit/record-audit";
import { auditActorFor, isCrossOriginCookieWrite, resolvePrincipal } from "@/lib/auth/with-role";
import { roleAllows } from "@/lib/auth/roles";
import { mayWorkEntry } from "@/lib/canvass/update-entry";
import { clientAddress } from "@/lib/http/client-address";
import { cleanOriginalName } from "./media-type";
import { findRequestByToken } from "./owner-request";
import { finalizeUpload } from "./receive";
import { acceptsUploads, effectiveState } from "./request-state";
import { evidenceRuntime } from "./runtime";
import { hashUploadToken, looksLikeUploadToken } from "./tokens";
import { EvidenceTusStore, tusRefusal, UPLOAD_ID, type CreationMetadata } from "./tus-store";

export const UPLOADS_PATH = "/api/uploads";
/** Every request on an owner's upload after its creation carries the link's token again. */
export const TOKEN_HEADER = "x-footage-token";

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

function actorOf(request: Request): AuditActor {
  return publicActor(clientAddress(request), request.headers.get("user-agent"));
}

async function creationFor(db: Db, request: Request, metadata: Record<string, string | null>): Promise<CreationMetadata> {
  const filename = cleanOriginalName(metadata.filename);
  const filetype = metadata.filetype && MIME.test(metadata.filetype) ? metadata.filetype.toLowerCase() : undefined;
  const clientIp = clientAddress(request) ?? undefined;
  const userAgent = request.headers.get("user-agent")?.slice(0, 512) ?? undefined;
  if (metadata.token !== undefined && metadata.token !== null) {
    const footageRequest = await findRequestByToken(db, metadata.token);
    if (!footageRequest) throw tusRefusal(404, "this upload link is not valid");
    if (!acceptsUploads(footageRequest)) throw tusRefusal(410, `this request is ${effectiveState(footageRequest)}`);
    return { source: "owner_upload", footageRequestId: footageRequest.id, filename, filetype, clientIp, userAgent };
  }
  // Evidence collected in person (USB): a detective uploads it against a canvass stop.
  const principal = await resolvePrincipal(db, request);
  if (!principal) throw tusRefusal(401, "an upload link token or a staff sign-in is required");
  if (isCrossOriginCookieWrite(request)) throw tusRefusal(403, "cross-origin request refused");
  if (!roleAllows(principal.role, "detective")) throw tusRefusal(403, "forbidden");
  const entryId = metadata.canvassEntryId ?? "";
  if (!UPLOAD_ID.test(entryId)) throw tusRefusal(422, "canvassEntryId is required for evidence collected in person");
  const [entry] = await db.select().from(canvassEntries).where(eq(canvassEntries.id, entryId)).limit(1);
  if (!entry) throw tusRefusal(404, "canvass entry not found");
  // The same rule as the stop's outcome and its footage requests: a detective records on stops assigned to them or to nobody.
  if (!mayWorkEntry(principal, entry)) throw tusRefusal(403, "this entry is assigned to another detective");
  return { source: "in_person", canvassEntryId: entry.id, incidentId: entry.incidentId, uploadedBy: principal.userId, filename, filetype, clientIp, userAgent };
}

/** Who may touch an existing upload: the owner's link (its token) or, for in-person items, staff. */
async function authorizeExisting(db: Db, request: Request, id: string): Promise<AuditActor> {
  if (!UPLOAD_ID.test(id)) throw tusRefusal(404, "upload not found");
  // The item and its request in one round trip.
  const [row] = await db
    .select({ item: evidenceItems, footageRequest: footageRequests })
    .from(evidenceItems)
    .leftJoin(footageRequests, eq(footageRequests.id, evidenceItems.footageRequestId))
    .where(eq(evidenceItems.id, id))
    .limit(1);
  const item = row?.item;
  if (!item) throw tusRefusal(404, "upload not found");
  if (item.source === "in_person") {
    const principal = await resolvePrincipal(db, request);
    // Only the staff member who started it may add to (or finish) an upload in progress: no one writes into a colleague's evidence.
    if (!principal || !roleAllows(principal.role, "detective") || principal.userId !== item.uploadedBy) throw tusRefusal(404, "upload not found");
    if (isCrossOriginCookieWrite(request)) throw tusRefusal(403, "cross-origin request refused");
    return auditActorFor(principal, request);
  }
  const token = request.headers.get(TOKEN_HEADER);
  if (!item.footageRequestId || !looksLikeUploadToken(token)) throw tusRefusal(404, "upload not found");
  const footageRequest = row.footageRequest;
  const expected = Buffer.from(footageRequest?.tokenHash ?? "", "hex");
  const given = Buffer.from(hashUploadToken(token), "hex");
  // Another request's token, or a wrong one, finds nothing.
  if (!footageRequest || expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) throw tusRefusal(404, "upload not found");
  if (item.status === "uploading" && !acceptsUploads(footageRequest)) throw tusRefusal(410, `this request is ${effectiveState(footageRequest)}`);
  return actorOf(request);
}

/**
 * The body of a PATCH that reached us as Node.js's own request (node-uploads.ts) rather than as a Web Request
 * through a Next.js route handler, carried on that body-less Request under a process-wide symbol: Next.js bundles
 * this module twice (instrumentation, the route), and whichever copy built the server (globalThis, below) must see
 * the body the other one was given. Not an AsyncLocalStorage: its propagation to every promise of a 2 GiB body
 * cost ~10% of the main thread.
 */
const NODE_BODY = Symbol.for("sightline.tusNodeBody");
type WithNodeBody = Request & { [NODE_BODY]?: AsyncIterable<Uint8Array> };

/** A body-less PATCH Request for tusServer().handleWeb whose body is `body`, read by the store as it comes. */
export function withNodeBody(request: Request, body: AsyncIterable<Uint8Array>): Request {
  (request as WithNodeBody)[NODE_BODY] = body;
  return request;
}

/**
 * A Node.js request body for the store, as tus's own StreamLimiter would let it through: refused with 413 past
 * `maxBytes` (what the upload still lacks; nothing beyond it is stored), and a client that stops or drops the
 * connection reported as tus reports it (the bytes that arrived before are kept: storage.ts).
 */
async function* bodyWithin(body: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  let received = 0;
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await chunks.next();
    } catch {
      throw ERRORS.ABORTED;
    }
    if (next.done) return;
    received += next.value.byteLength;
    if (received > maxBytes) throw ERRORS.ERR_MAX_SIZE_EXCEEDED;
    yield next.value;
  }
}

type PatchSend = (request: Request, context: CancellationContext, headers?: Headers) => Promise<Response>;
type BodyWriter = (webStream: ReadableStream | null, upload: Upload, maxBodyBytes: number, context: CancellationContext) => Promise<number>;

function createTusServer(): Server {
  const runtime = evidenceRuntime;
  const store = new EvidenceTusStore(getDb, runtime().store, () => ({ maxRequestBytes: runtime().maxRequestBytes }));
  const server = new Server({
    path: UPLOADS_PATH,
    datastore: store,
    relativeLocation: true,
    allowedOrigins: [],
    allowedHeaders: [TOKEN_HEADER],
    maxSize: () => runtime().maxFileBytes,
    namingFunction: () => crypto.randomUUID(),
    async onUploadCreate(request, upload) {
      if (upload.sizeIsDeferred) throw tusRefusal(400, "Upload-Length is required: the size must be known before anything is stored");
      if (upload.size === 0) throw tusRefusal(400, "the file is empty (0 bytes)");
      const db = await getDb();
      const creation = await creationFor(db, request, upload.metadata ?? {});
      // Replaces the client's metadata entirely: the token is not kept anywhere.
      return { metadata: creation as unknown as Record<string, string> };
    },
    async onIncomingRequest(request, id) {
      if (request.method === "POST" || request.method === "OPTIONS") return;
      const db = await getDb();
      const actor = await authorizeExisting(db, request, id);
      // A crash between the last byte and its receipt is finished on the client's next contact.
      if (request.method === "HEAD") await finalizeUpload(db, runtime().store, id, actor, runtime().scanner);
    },
    async onUploadFinish(request, upload) {
      const db = await getDb();
      // Who sent the last byte: staff for an item collected in person, else the owner's client.
      const sender = async (item: EvidenceItem) => {
        const principal = item.source === "in_person" ? await resolvePrincipal(db, request) : null;
        return principal ? auditActorFor(principal, request) : actorOf(request);
      };
      await finalizeUpload(db, runtime().store, upload.id, sender, runtime().scanner);
      return {};
    },
    async onResponseError(_request, err) {
      if (err && typeof err === "object" && "status_code" in err) return;
      console.error("[uploads]", err instanceof Error ? err.message : err);
      return { status_code: 500, body: JSON.stringify({ error: "the upload could not be stored; try again" }) };
    },
  });
  // Everything a PATCH is checked for (auth, lock, offset, size, receipt) stays tus's; only where its body comes
  // from differs: a PATCH that came as Node.js's own request (node-uploads.ts) is read straight from the socket,
  // without the Web stream and the three Node streams tus would otherwise put between it and the store.
  const patch = server.handlers.PATCH as unknown as { send: PatchSend; writeToStore: BodyWriter };
  // tus hands writeToStore the request's (Web) body and the request's cancellation context, not the request.
  const nodeBodies = new WeakMap<CancellationContext, AsyncIterable<Uint8Array>>();
  const send = patch.send.bind(patch);
  patch.send = (request, context, headers) => {
    const nodeBody = (request as WithNodeBody)[NODE_BODY];
    if (nodeBody) nodeBodies.set(context, nodeBody);
    return send(request, context, headers);
  };
  const writeWebBody = patch.writeToStore.bind(patch);
  patch.writeToStore = async (webStream, upload, maxBodyBytes, context) => {
    const nodeBody = nodeBodies.get(context);
    if (!nodeBody) return writeWebBody(webStream, upload, maxBodyBytes, context);
    if (context.signal.aborted) throw ERRORS.ABORTED;
    return store.write(bodyWithin(nodeBody, maxBodyBytes), upload.id, upload.offset);
  };
  return server;
}

const globalForTus = globalThis as typeof globalThis & { __sightlineTus?: Server };

export function tusServer(): Server {
  globalForTus.__sightlineTus ??= createTusServer();
  return globalForTus.__sightlineTus;
}

/** Tests: forget the server so it is rebuilt on the next call (after the runtime changed). */
export function resetTusServer(): void {
  globalForTus.__sightlineTus = undefined;
}
