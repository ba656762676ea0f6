import "server-only";
/**
 * The staff registry: every registration, searchable by address and status,
 * one page at a time. It answers addresses, status, cameras and when the
 * owner last confirmed, never contact details (those come only through the
 * audited contacts route). Each search is audited like the investigation
 * searches, with what was asked and how many matched.
 */
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { cameras, registrations } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { locationMethodLabel, REGISTRY_FILTERS, sourceLabel, statusLabel, type RegistryFilter } from "./labels";
import { inReviewQueue, staleRegistration } from "./registry-filters";

export const MAX_PAGE_SIZE = 100;

export const registrySearchSchema = z.object({
  q: z
    .string()
    .trim()
    .max(120, "at most 120 characters")
    .optional()
    .transform((v) => v || undefined),
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(REGISTRY_FILTERS, { error: `one of ${REGISTRY_FILTERS.join(", ")}` }).optional()),
  page: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "at least 1").max(100_000, "too large").default(1),
  pageSize: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "at least 1")
    .max(MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE}`)
    .default(25),
});
export type RegistrySearch = z.output<typeof registrySearchSchema>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every word of the query must appear somewhere in the address as typed or as matched. */
function addressMatches(q: string): SQL {
  if (UUID.test(q)) return eq(registrations.id, q.toLowerCase());
  const haystack = sql`concat_ws(' ', ${registrations.addressLine1}, ${registrations.addressUnit}, ${registrations.addressCity}, ${registrations.addressState}, ${registrations.addressZip}, ${registrations.matchedAddress})`;
  const words = q.split(/[\s,]+/).filter(Boolean).slice(0, 8);
  return and(...words.map((w) => sql`${haystack} ilike ${`%${escapeLike(w)}%`}`))!;
}

function statusMatches(filter: RegistryFilter, now: Date, reconfirmAfterMonths: number): SQL {
  if (filter === "stale") return staleRegistration(now, reconfirmAfterMonths);
  if (filter === "needs_review") return inReviewQueue();
  return eq(registrations.status, filter);
}

export interface RegistryRow {
  id: string;
  address: string;
  matchedAddress: string | null;
  status: string;
  statusLabel: string;
  needsReview: boolean;
  verified: boolean;
  located: boolean;
  locationLabel: string;
  /** How many cameras the owner says the system has. */
  cameraCount: number;
  /** How many of them are described (position, direction). */
  camerasDescribed: number;
  retentionDays: number | null;
  source: string;
  sourceLabel: string;
  lastConfirmedAt: string;
  createdAt: string;
}

export async function searchRegistry(
  db: Db,
  search: RegistrySearch,
  options: { actor: AuditActor; reconfirmAfterMonths: number; now?: Date },
): Promise<{ items: RegistryRow[]; total: number; page: number; pageSize: number; pageCount: number }> {
  const now = options.now ?? new Date();
  const where = and(
    search.q ? addressMatches(search.q) : undefined,
    search.status ? statusMatches(search.status, now, options.reconfirmAfterMonths) : undefined,
  );
  return db.transaction(async (tx) => {
    const [{ total }] = (await tx.select({ total: sql<number>`count(*)::int` }).from(registrations).where(where)) as { total: number }[];
    const rows = await tx
      .select({
        id: registrations.id,
        line1: registrations.addressLine1,
        unit: registrations.addressUnit,
        city: registrations.addressCity,
        state: registrations.addressState,
        zip: registrations.addressZip,
        matchedAddress: registrations.matchedAddress,
        status: registrations.status,
        needsReview: registrations.needsReview,
        verifiedAt: registrations.verifiedAt,
        hasLocation: sql<boolean>`${registrations.location} is not null`,
        locationMethod: registrations.locationMethod,
        cameraCount: registrations.cameraCount,
        camerasDescribed: sql<number>`(select count(*)::int from ${cameras} where ${cameras.registrationId} = ${registrations.id})`,
        retentionDays: registrations.retentionDays,
        source: registrations.source,
        lastConfirmedAt: registrations.lastConfirmedAt,
        createdAt: registrations.createdAt,
      })
      .from(registrations)
      .where(where)
      // Street, then house number as a number ("9 Oak" before "10 Oak"), then city.
      .orderBy(
        sql`lower(regexp_replace(${registrations.addressLine1}, '^[0-9]+[A-Za-z]?\\s*', ''))`,
        sql`nullif(substring(${registrations.addressLine1} from '^[0-9]+'), '')::bigint nulls last`,
        asc(registrations.addressUnit),
        asc(registrations.addressCity),
        asc(registrations.id),
      )
      .limit(search.pageSize)
      .offset((search.page - 1) * search.pageSize);
    await recordAudit(tx, options.actor, {
      action: "registration.searched",
      targetType: "registration",
      details: { q: search.q ?? null, status: search.status ?? null, page: search.page, pageSize: search.pageSize, total: Number(total), shown: rows.length },
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        address: [r.line1, r.unit, r.city, r.state, r.zip].filter(Boolean).join(", "),
        matchedAddress: r.matchedAddress,
        status: r.status,
        statusLabel: statusLabel(r.status),
        needsReview: r.needsReview,
        verified: r.verifiedAt !== null,
        located: Boolean(r.hasLocation),
        locationLabel: r.hasLocation ? locationMethodLabel(r.locationMethod) : locationMethodLabel(null),
        cameraCount: r.cameraCount,
        camerasDescribed: Number(r.camerasDescribed),
        retentionDays: r.retentionDays,
        source: r.source,
        sourceLabel: sourceLabel(r.source),
        lastConfirmedAt: r.lastConfirmedAt.toISOString(),
        createdAt: r.createdAt.toISOString(),
      })),
      total: Number(total),
      page: search.page,
      pageSize: search.pageSize,
      pageCount: Math.max(1, Math.ceil(Number(total) / search.pageSize)),
    };
  });
}
