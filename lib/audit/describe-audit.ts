/**
 * An audit entry in words for the admin page: who (a user's name and e-mail),
 * on what (an incident's title, a registration's address…), with links, and
 * what changed as "field: before → after" instead of raw JSON. Contact fields
 * are recorded as changed without values (lib/registration/changes.ts) and are
 * shown that way. Pure: the names come from lib/audit/audit-names.ts.
 */
import { formatAgencyTime } from "@/lib/time/agency-time";

/** Names for the ids of a page of entries (filled by lib/audit/audit-names.ts). */
export interface AuditNames {
  users: Map<string, { name: string; email: string }>;
  incidents: Map<string, { title: string; caseNumber: string | null }>;
  registrations: Map<string, { address: string }>;
  canvassEntries: Map<string, { incidentId: string; registrationId: string }>;
  apiTokens: Map<string, { name: string; userId: string }>;
}

/** Something an entry refers to, as text with an optional link and a second line. */
export interface AuditRef {
  text: string;
  href?: string;
  sub?: string;
  /** The raw id, for a tooltip and for filtering by it. */
  id?: string;
}

export interface ChangeLine {
  field: string;
  label: string;
  before?: string;
  after?: string;
  /** Only that it changed: contact details and free-text notes are not kept in the trail. */
  changedOnly?: boolean;
}

export interface DetailLine {
  label: string;
  value: string;
  ref?: AuditRef;
}

interface EntryLike {
  actorUserId: string | null;
  actorLabel: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
}

const FIELD_LABELS: Record<string, string> = {
  ownerName: "Owner's name",
  businessName: "Business name",
  ownerPhone: "Owner's phone",
  ownerEmail: "Owner's e-mail",
  alternateName: "Alternate contact's name",
  alternatePhone: "Alternate contact's phone",
  alternateEmail: "Alternate contact's e-mail",
  addressLine1: "Address",
  addressUnit: "Unit",
  addressCity: "City",
  addressState: "State",
  addressZip: "ZIP",
  retentionDays: "Keeps footage (days)",
  recordingMode: "Recording",
  recordsStreetTraffic: "Records street traffic",
  playback: "Playback",
  caseNumber: "Case number",
  offense: "Offence",
  clockOffsetS: "Clock offset (s)",
  assignedTo: "Assigned to",
  footageNotes: "Footage notes",
  location: "Map pin",
  incidentId: "Incident",
  userId: "User",
  locale: "Language",
};

/** "retentionDays" → "Retention days", "sessions_ended" → "Sessions ended", unless named above. */
export function fieldLabel(field: string): string {
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  const words = field
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z0-9])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function userRef(id: string, names: AuditNames, href: (id: string) => string): AuditRef {
  const user = names.users.get(id);
  return user ? { text: user.name, sub: user.email, href: href(id), id } : { text: "unknown user", sub: id, id };
}

const accountHref = (id: string) => `/admin/users#user-${id}`;
const actionsByHref = (id: string) => `/admin/audit?user=${encodeURIComponent(id)}`;

function incidentRef(id: string, names: AuditNames): AuditRef {
  const incident = names.incidents.get(id);
  if (!incident) return { text: "incident (no longer found)", sub: id, id };
  const sub = incident.caseNumber && !incident.title.includes(incident.caseNumber) ? `case ${incident.caseNumber}` : undefined;
  return { text: incident.title, sub, href: `/incidents/${id}`, id };
}

function registrationRef(id: string, names: AuditNames): AuditRef {
  const registration = names.registrations.get(id);
  return registration ? { text: registration.address, href: `/registry/${id}`, id } : { text: "registration (no longer found)", sub: id, id };
}

/** Who acted: a staff member by name (linking to everything they did), or the public form, the CLI, the system. */
export function actorRef(entry: EntryLike, names: AuditNames): AuditRef {
  if (entry.actorUserId) {
    const user = names.users.get(entry.actorUserId);
    if (user) return { text: user.name, sub: user.email, href: actionsByHref(entry.actorUserId), id: entry.actorUserId };
    return { text: entry.actorLabel, sub: "account no longer found", id: entry.actorUserId };
  }
  return { text: entry.actorLabel === "public" ? "public (a resident, not signed in)" : entry.actorLabel };
}

const TARGET_TYPE_TEXT: Record<string, string> = {
  search: "a map search",
  audit_log: "the audit trail",
  evidence_item: "evidence item",
  footage_request: "footage request",
  dataset: "data set",
  address: "an address",
};

/** What the entry acted on, by name; null when it names nothing. */
export function targetRef(entry: EntryLike, names: AuditNames): AuditRef | null {
  const { targetType: type, targetId: id } = entry;
  if (!type) return null;
  if (id) {
    if (type === "user") return userRef(id, names, accountHref);
    if (type === "incident") return incidentRef(id, names);
    if (type === "registration") return registrationRef(id, names);
    if (type === "canvass_entry") {
      const stop = names.canvassEntries.get(id);
      if (stop) {
        const at = names.registrations.get(stop.registrationId)?.address ?? "a registered site";
        return { text: `Canvass stop at ${at}`, sub: names.incidents.get(stop.incidentId)?.title, href: `/incidents/${stop.incidentId}/canvass`, id };
      }
    }
    if (type === "api_token") {
      const token = names.apiTokens.get(id);
      if (token) return { text: `API token "${token.name}"`, sub: names.users.get(token.userId)?.email, href: "/admin/tokens", id };
    }
  }
  const kind = TARGET_TYPE_TEXT[type] ?? fieldLabel(type).toLowerCase();
  return id ? { text: `${kind} ${id.length > 12 ? `${id.slice(0, 8)}…` : id}`, id } : { text: kind };
}

function cameraText(c: Record<string, unknown>): string {
  const parts = [String(c.position ?? "camera").replace(/_/g, "/")];
  if (typeof c.bearingDeg === "number") parts.push(`faces ${Math.round(c.bearingDeg)}°`);
  if (typeof c.fovDeg === "number") parts.push(`${Math.round(c.fovDeg)}° wide`);
  if (typeof c.rangeM === "number") parts.push(`${Math.round(c.rangeM)} m`);
  if (c.recordsStreet === true) parts.push("records street");
  return parts.join(", ");
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A recorded value in words: no JSON braces, cameras as a list, a pin as coordinates, instants in the agency's zone. */
export function valueText(value: unknown, field = "", timeZone?: string): string {
  if (value === null || value === undefined || value === "") return "(none)";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return timeZone && ISO_INSTANT.test(value) ? formatAgencyTime(value, timeZone) : value;
  if (Array.isArray(value)) {
    if (field === "cameras") return value.length === 0 ? "no cameras" : value.map((c) => cameraText((c ?? {}) as Record<string, unknown>)).join("; ");
    if (value.every((v) => typeof v !== "object" || v === null)) return value.map((v) => valueText(v)).join(", ");
    return `${value.length} item${value.length === 1 ? "" : "s"}`;
  }
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    const pin = typeof o.lat === "number" && typeof o.lng === "number" ? [`${o.lat.toFixed(5)}, ${o.lng.toFixed(5)}`] : [];
    const rest = Object.entries(o)
      .filter(([k, v]) => v !== undefined && v !== null && v !== "" && !(pin.length && (k === "lat" || k === "lng")))
      .map(([k, v]) => `${fieldLabel(k).toLowerCase()} ${valueText(v, k, timeZone)}`);
    return [...pin, ...rest].join(", ");
  }
  return String(value);
}

function changeValue(field: string, value: unknown, names: AuditNames, timeZone?: string): string {
  if (field === "assignedTo" && typeof value === "string") return names.users.get(value)?.name ?? value;
  if (field === "assignedTo" && value === null) return "nobody";
  return valueText(value, field, timeZone);
}

/**
 * The `changes` of an entry's details as lines. Two shapes are recorded: a list
 * (`[{ field, from, to }]` or `{ field, contact: true }`, registrations) and a
 * map (`{ field: { from, to } }` or `{ changed: true }`, incidents and canvass stops).
 */
export function changeLines(details: Record<string, unknown> | null, names: AuditNames, timeZone?: string): ChangeLine[] {
  const changes = details?.changes;
  if (!changes || typeof changes !== "object") return [];
  const list: { field: string; change: Record<string, unknown> }[] = Array.isArray(changes)
    ? changes.filter((c) => c && typeof c === "object" && typeof c.field === "string").map((c) => ({ field: c.field as string, change: c as Record<string, unknown> }))
    : Object.entries(changes as Record<string, unknown>).map(([field, change]) => ({ field, change: (change ?? {}) as Record<string, unknown> }));
  return list.map(({ field, change }) =>
    change.contact === true || change.changed === true || !("from" in change || "to" in change)
      ? { field, label: fieldLabel(field), changedOnly: true }
      : { field, label: fieldLabel(field), before: changeValue(field, change.from, names, timeZone), after: changeValue(field, change.to, names, timeZone) },
  );
}

/** The rest of the details, one line per key, ids named where they can be. */
export function detailLines(details: Record<string, unknown> | null, names: AuditNames, timeZone?: string): DetailLine[] {
  if (!details) return [];
  return Object.entries(details)
    .filter(([key, value]) => key !== "changes" && value !== undefined && value !== null && value !== "")
    .map(([key, value]) => {
      if (key === "incidentId" && typeof value === "string") {
        const ref = incidentRef(value, names);
        return { label: fieldLabel(key), value: ref.text, ref };
      }
      if (key === "userId" && typeof value === "string") {
        const ref = userRef(value, names, accountHref);
        return { label: fieldLabel(key), value: ref.text, ref };
      }
      return { label: fieldLabel(key), value: valueText(value, key, timeZone) };
    });
}
