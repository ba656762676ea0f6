import "server-only";
/**
 * Freeze what the search found at each site of an incident's canvass onto its
 * canvass entry (db/schema/site-snapshot.ts). One statement, run in the
 * incident's save transaction right after the search, with the search's own
 * predicates: a camera sees the spot when its cone holds the incident point
 * (or crosses the route), faces the street when it records the street or its
 * cone crosses a street centerline. The 0011 migration runs the same
 * statement (hand-copied there) for entries saved before snapshots existed.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { canvassEntries, registrations } from "@/db/schema";

type Executor = Pick<Db, "execute">;

/** Snapshot every entry of the incident that has none yet (a snapshot, once taken, is never rewritten). */
export async function snapshotCanvassEntries(db: Executor, incidentId: string): Promise<void> {
  await db.execute(sql`
    update canvass_entries ce set snapshot = s.snapshot
    from (select e.id, jsonb_build_object(
        'takenAt', to_jsonb(now()),
        'address', jsonb_build_object('line1', r.address_line1, 'unit', r.address_unit, 'city', r.address_city, 'state', r.address_state, 'zip', r.address_zip),
        'location', case when r.location is null then null else jsonb_build_array(ST_X(r.location::geometry), ST_Y(r.location::geometry)) end,
        'retentionDays', r.retention_days,
        'recordingMode', r.recording_mode,
        'playback', r.playback,
        'facesStreet', r.records_street_traffic or coalesce(bool_or(cam.faces_street), false),
        'seesSpot', coalesce(bool_or(cam.sees_spot), false),
        'cameras', coalesce(jsonb_agg(jsonb_build_object(
            'position', cam.position, 'bearingDeg', cam.bearing_deg, 'fovDeg', cam.fov_deg, 'rangeM', cam.range_m,
            'recordsStreet', cam.records_street, 'facesStreet', cam.faces_street, 'seesSpot', cam.sees_spot,
            'viewCone', cam.view_cone_geojson::jsonb, 'note', cam.note) order by cam.created_at, cam.id) filter (where cam.id is not null), '[]'::jsonb)) as snapshot
    from canvass_entries e
    join incidents i on i.id = e.incident_id
    join registrations r on r.id = e.registration_id
    left join lateral (
      select c.id, c.position, c.bearing_deg, c.fov_deg, c.range_m, c.records_street, c.note, c.view_cone_geojson, c.created_at,
        c.records_street or (c.view_cone is not null and exists (select 1 from street_centerlines sc where ST_Intersects(sc.geom, c.view_cone))) as faces_street,
        c.view_cone is not null and ST_Intersects(c.view_cone::geometry, coalesce(i.point, i.route)::geometry) as sees_spot
      from cameras c where c.registration_id = r.id
    ) cam on true
    where e.incident_id = ${incidentId} and e.snapshot is null
    group by e.id, r.id) s
    where ce.id = s.id`);
}

/**
 * The entry's site fields for lists that join canvass_entries to registrations: the snapshot's value, and the
 * registration's only for an entry without one. Unit and retention may be null in the snapshot itself.
 */
export const recordedAddressLine1 = sql<string>`coalesce(${canvassEntries.snapshot}->'address'->>'line1', ${registrations.addressLine1})`;
export const recordedAddressUnit = sql<
  string | null
>`case when ${canvassEntries.snapshot} is null then ${registrations.addressUnit} else ${canvassEntries.snapshot}->'address'->>'unit' end`;
export const recordedRetentionDays = sql<
  number | null
>`case when ${canvassEntries.snapshot} is null then ${registrations.retentionDays} else (${canvassEntries.snapshot}->>'retentionDays')::int end`;
