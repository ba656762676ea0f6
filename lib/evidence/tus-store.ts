import "server-only";
import type stream from "node:stream";
import { and, eq, inArray, sql } from "drizzle-orm";
import { DataStore, ERRORS, Upload } from "@tus/utils";
import type { Db } from "@/db/client";
import { evidenceItems, footageRequests } from "@/db/schema";
import { acceptsUploads, effectiveState } from "./request-state";
import type { EvidenceStore } from "./storage";

/** Thrown from tus hooks and the store: @tus/server answers with this status and body. */
export function tusRefusal(status_code: number, message: string): { status_code: number; body: string } {
  return { status_code, body: JSON.stringify({ error: message }) };
}

/** What onUploadCreate resolved from the request, carried to `create` in the upload's metadata. */
export interface CreationMetadata {
  source: "owner_upload" | "in_person";
  footageRequestId?: string;
  canvassEntryId?: string;
  incidentId?: string;
  uploadedBy?: string;
  filename: string;
  filetype?: string;
  clientIp?: string;
  userAgent?: string;
}

/**
 * The tus DataStore over evidence_items (the upload's size, its request, who
 * sent it) and an EvidenceStore (the bytes and their running hash). The tus
 * upload id IS the evidence item id.
 */
export class EvidenceTusStore extends DataStore {
  constructor(
    private readonly db: () => Promise<Db>,
    private readonly files: EvidenceStore,
    private readonly limits: () => { maxRequestBytes: number },
  ) {
    super();
    this.extensions = ["creation", "creation-with-upload"];
  }

  override async create(upload: Upload): Promise<Upload> {
    const meta = (upload.metadata ?? {}) as unknown as CreationMetadata;
    const size = upload.size;
    if (size === undefined) throw tusRefusal(400, "Upload-Length is required: the size must be known before anything is stored");
    const db = await this.db();
    await this.files.create(upload.id);
    try {
      await db.transaction(async (tx) => {
        let incidentId = meta.incidentId;
        let canvassEntryId = meta.canvassEntryId ?? null;
        if (meta.footageRequestId) {
          // Lock the request: two uploads at once on one request are counted one after the other.
          const [request] = await tx.select().from(footageRequests).where(eq(footageRequests.id, meta.footageRequestId)).for("update").limit(1);
          if (!request || !acceptsUploads(request)) throw tusRefusal(410, `this request is ${request ? effectiveState(request) : "gone"}`);
          const [{ used }] = await tx
            .select({ used: sql<number>`coalesce(sum(${evidenceItems.sizeBytes}), 0)::bigint` })
            .from(evidenceItems)
            .where(and(eq(evidenceItems.footageRequestId, request.id), inArray(evidenceItems.status, ["uploading", "received", "quarantined"])));
          const { maxRequestBytes } = this.limits();
          if (Number(used) + size > maxRequestBytes) {
            throw tusRefusal(413, `this request accepts at most ${maxRequestBytes} bytes in all; ${Number(used)} are already sent or on their way`);
          }
          incidentId = request.incidentId;
          canvassEntryId = request.canvassEntryId;
          if (request.state === "sent" || request.state === "opened") {
            await tx.update(footageRequests).set({ state: "uploading", updatedAt: new Date() }).where(eq(footageRequests.id, request.id));
          }
        }
        if (!incidentId) throw tusRefusal(400, "no incident for this upload");
        await tx.insert(evidenceItems).values({
          id: upload.id,
          footageRequestId: meta.footageRequestId ?? null,
          canvassEntryId,
          incidentId,
          source: meta.source,
          status: "uploading",
          originalName: meta.filename,
          declaredType: meta.filetype ?? null,
          sizeBytes: size,
          uploadedBy: meta.uploadedBy ?? null,
          clientIp: meta.clientIp ?? null,
          userAgent: meta.userAgent ?? null,
        });
      });
    } catch (err) {
      await this.files.remove(upload.id);
      throw err;
    }
    upload.storage = { type: "evidence", path: upload.id };
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const db = await this.db();
    const [item] = await db.select().from(evidenceItems).where(eq(evidenceItems.id, id)).limit(1);
    if (!item || item.status === "purged") throw ERRORS.FILE_NOT_FOUND;
    // A quarantined file arrived whole: a client that lost the last answer and asks again is told so, not "not found".
    const offset = item.status === "uploading" ? await this.files.storedBytes(id) : item.sizeBytes;
    return new Upload({
      id,
      size: item.sizeBytes,
      offset,
      metadata: { filename: item.originalName, filetype: item.declaredType },
      creation_date: item.createdAt.toISOString(),
    });
  }

  /** tus's stream of a PATCH body, or the Node.js request's own (tus-server.ts, node-uploads.ts). */
  override async write(readable: stream.Readable | AsyncIterable<Uint8Array>, id: string, offset: number): Promise<number> {
    return this.files.append(id, offset, readable);
  }
}

/** Reject ids that are not ours before any lookup (the default extractor already refuses separators and NUL). */
export const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
