/**
 * Plain-English words for the codes staff would otherwise read
 * ("pending_review", "address_point"). No server imports: the review queue
 * and the registry (client components) use them too.
 */
export const STATUS_LABELS: Record<string, string> = {
  pending_review: "Waiting for review",
  active: "Active (detectives find it)",
  inactive: "Closed (moved away or rejected)",
  withdrawn: "Withdrawn by the owner",
};

export const LOCATION_METHOD_LABELS: Record<string, string> = {
  address_point: "matched to the address point",
  interpolated: "estimated along the street",
  intersection: "placed at the intersection",
  manual: "pin placed by hand",
  remote: "found by an outside geocoder",
};

export const SOURCE_LABELS: Record<string, string> = {
  public_form: "the public form",
  api: "the registration API",
  import: "a bulk import",
  staff: "staff, for a caller",
  "synthetic-demo": "the demo data",
};

const label = (labels: Record<string, string>, code: string | null | undefined, fallback: string) =>
  code ? (labels[code] ?? code.replace(/_/g, " ")) : fallback;

export const statusLabel = (code: string) => label(STATUS_LABELS, code, "");
export const locationMethodLabel = (code: string | null | undefined) => label(LOCATION_METHOD_LABELS, code, "not on the map");
export const sourceLabel = (code: string | null | undefined) => label(SOURCE_LABELS, code, "unknown");

/** What the registry's status filter offers: the stored statuses plus the two lists supervisors work from. */
export const REGISTRY_FILTERS = ["pending_review", "active", "inactive", "withdrawn", "needs_review", "stale"] as const;
export type RegistryFilter = (typeof REGISTRY_FILTERS)[number];
export const REGISTRY_FILTER_LABELS: Record<RegistryFilter, string> = {
  pending_review: STATUS_LABELS.pending_review,
  active: "Active",
  inactive: "Closed",
  withdrawn: "Withdrawn by the owner",
  needs_review: "In the review queue",
  stale: "Stale (not confirmed recently)",
};
