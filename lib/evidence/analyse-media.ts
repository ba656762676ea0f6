import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { evidenceItems, type EvidenceItem } from "@/db/schema";
import { familyOfMime, familyOfName } from "./media-type";
import { extractPoster, probeVideo } from "./media-probe";
import type { EvidenceStore } from "./storage";

/** The poster frame's side file, beside the item's bytes (removed with them). */
export const POSTER_SUFFIX = ".poster.jpg";

/** Video by its content, its name or what the uploader declared: worth asking ffprobe about. */
export function looksLikeVideo(item: Pick<EvidenceItem, "originalName" | "declaredType" | "detectedType">): boolean {
  return familyOfMime(item.detectedType) === "video" || familyOfName(item.originalName) === "video" || familyOfMime(item.declaredType) === "video";
}

/**
 * After an item is received (committed, hashed): ffprobe's facts and a poster
 * frame for video. Never throws: receipt has already happened, and a file
 * ffprobe cannot read is recorded as unreadable on the item instead.
 */
export async function analyseReceivedMedia(db: Db, store: EvidenceStore, itemId: string, known?: EvidenceItem): Promise<void> {
  try {
    // `known`: the item as the caller just committed it (receive.ts, with no scan in between); else read it.
    const [item] = known ? [known] : await db.select().from(evidenceItems).where(eq(evidenceItems.id, itemId)).limit(1);
    if (!item || item.status !== "received" || !looksLikeVideo(item)) return;
    const file = store.localPath(itemId);
    if (!file) return;
    const media = await probeVideo(file);
    const hasPoster = media.kind === "video" && media.width !== null ? await extractPoster(file, store.sidePath(itemId, POSTER_SUFFIX), media.durationS) : false;
    await db.update(evidenceItems).set({ media: { ...media }, hasPoster }).where(eq(evidenceItems.id, itemId));
  } catch (err) {
    // ffprobe missing, or the database gone: the item stays received without facts.
    console.error(`[evidence] could not analyse item ${itemId}:`, err instanceof Error ? err.message : err);
  }
}
