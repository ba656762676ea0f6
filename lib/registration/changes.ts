/**
 * What an edit of a registration changed, field by field, for its audit entry
 * (owner edits through the private link and staff corrections alike). Contact
 * fields are listed as changed without their values: the audit trail is
 * append-only and must not keep contact details after they are erased.
 */
import type { Registration } from "@/db/schema";
import type { detailColumns } from "./create-registration";
import type { CameraInput } from "./schema";

/** Fields whose values never go into the audit trail (only that they changed). */
const CONTACT_FIELDS = new Set(["ownerName", "businessName", "ownerPhone", "ownerEmail", "alternateName", "alternatePhone", "alternateEmail"]);

export type FieldChange = { field: string; from?: unknown; to?: unknown; contact?: true };

type CameraFields = { position: string; bearingDeg?: number | null; fovDeg?: number | null; rangeM?: number | null; recordsStreet: boolean; note?: string | null };

function cameraSummary(list: CameraFields[]) {
  return list.map((c) => ({
    position: c.position,
    bearingDeg: c.bearingDeg ?? null,
    fovDeg: c.fovDeg ?? null,
    rangeM: c.rangeM ?? null,
    recordsStreet: c.recordsStreet,
    note: c.note ?? null,
  }));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What an edit changes, comparing the stored row and cameras with the new answers. */
export function diffRegistration(
  before: Registration,
  beforeCameras: CameraFields[],
  after: ReturnType<typeof detailColumns>,
  afterCameras: CameraInput[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(after)) {
    if (field === "addressNormalized") continue;
    const old = before[field as keyof Registration];
    if (same(old, value)) continue;
    changes.push(CONTACT_FIELDS.has(field) ? { field, contact: true } : { field, from: old ?? null, to: value ?? null });
  }
  const [b, a] = [cameraSummary(beforeCameras), cameraSummary(afterCameras)];
  if (!same(b, a)) changes.push({ field: "cameras", from: b, to: a });
  return changes;
}
