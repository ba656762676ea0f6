import "server-only";
import type stream from "node:stream";
import { eq, sql } from "drizzle-orm";
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
      if (meta.footageRequestId) {
        const requestId = meta.footageRequestId;
        const { maxRequestBytes } = this.limits();
        await db.transaction(async (tx) => {
          // Lock the request: two uploads at once on one request are counted one after the other. The count is
          // the next statement's (under READ COMMITTED a statement sees what committed before it began, so the
          // sum must not share the lock's statement: it would miss an upload created while this one waited).
          const [request] = await tx.select().from(footageRequests).where(eq(footageRequests.id, requestId)).for("update").limit(1);
          if (!request || !acceptsUploads(request)) throw tusRefusal(410, `this request is ${request ? effectiveState(request) : "gone"}`);
          // The total, the item and the request's state in one round trip: the item only if it fits.
          const result = await tx.execute(sql`
            with used as (
              select coalesce(sum(${evidenceItems.sizeBytes}), 0)::bigint as bytes from ${evidenceItems}
              where ${evidenceItems.footageRequestId} = ${request.id}::uuid and ${evidenceItems.status} in ('uploading', 'received', 'quarantined')
            ),
            created as (
              insert into ${evidenceItems} (id, footage_request_id, canvass_entry_id, incident_id, source, status, original_name, declared_type, size_bytes, uploaded_by, client_ip, user_agent)
              select ${upload.id}::uuid, ${request.id}::uuid, ${request.canvassEntryId}::uuid, ${request.incidentId}::uuid, ${meta.source}::evidence_source, 'uploading',
                ${meta.filename}::text, ${meta.filetype ?? null}::text, ${size}::bigint, ${meta.uploadedBy ?? null}::uuid, ${meta.clientIp ?? null}::text, ${meta.userAgent ?? null}::text
              where (select bytes from used) + ${size}::bigint <= ${maxRequestBytes}::bigint
              returning id
            ),
            uploading as (
              update ${footageRequests} set state = 'uploading', updated_at = now()
              where id = ${request.id}::uuid and state in ('sent', 'opened') and exists (select 1 from created)
            )
            select (select bytes from used)::text as used, (select count(*) from created)::int as created`);
          const row = result.rows[0] as { used: string; created: number | string };
          if (Number(row.created) !== 1) {
            throw tusRefusal(413, `this request accepts at most ${maxRequestBytes} bytes in all; ${Number(row.used)} are already sent or on their way`);
          }
        });
      } else {
        if (!meta.incidentId) throw tusRefusal(400, "no incident for this upload");
        // Collected in person: one row, one statement.
        await db.insert(evidenceItems).values({
          id: upload.id,
          footageRequestId: null,
          canvassEntryId: meta.canvassEntryId ?? null,
          incidentId: meta.incidentId,
          source: meta.source,
          status: "uploading",
          originalName: meta.filename,
          declaredType: meta.filetype ?? null,
          sizeBytes: size,
          uploadedBy: meta.uploadedBy ?? null,
          clientIp: meta.clientIp ?? null,
          userAgent: meta.userAgent ?? null,
        });
      }
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
