/**
 * canvassCsvMs / canvassPdfMs: exporting a 500-stop canvass through
 * renderCanvass (lib/canvass), what GET /api/incidents/{id}/canvass?format=…
 * runs: load the sheet, render the file, audit the export. The incident's
 * entries are the 500 sites nearest a seeded point, numbered by distance as a
 * saved incident's are, so the measured export does not re-plan the walk.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { renderCanvass, type CanvassFormat } from "../../lib/canvass/canvass-export";
import { benchPoint, DEFAULT_SEED, type BenchArea } from "./generate-sites";
import { percentile, round } from "./support/stats";
import type { BenchStaff } from "./support/staff";

export const CANVASS_ENTRIES = 500;

async function createCanvass(db: Db, staff: BenchStaff, entries: number, area?: BenchArea): Promise<string> {
  const { lat, lng } = benchPoint(DEFAULT_SEED + 3, 0, area);
  const point = sql`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)::geography`;
  return db.transaction(async (tx) => {
    const incident = await tx.execute(sql`
      insert into incidents (case_number, point, radius_m, occurred_from, occurred_to, created_by)
      values ('BENCH-500', ${point}, 1000, now() - interval '1 day', now() - interval '1 day' + interval '30 minutes', ${staff.userId})
      returning id`);
    const id = (incident.rows[0] as { id: string }).id;
    await tx.execute(sql`
      insert into canvass_entries (incident_id, registration_id, distance_m, walk_order)
      select ${id}, n.id, n.d, row_number() over (order by n.d, n.id)
      from (select r.id, ST_Distance(r.location, ${point}) as d from registrations r
            where r.status = 'active' and r.location is not null
            order by r.location <-> ${point} limit ${entries}) n`);
    return id;
  });
}

export async function measureCanvassExport(db: Db, staff: BenchStaff, options: { repeats: number; area?: BenchArea }) {
  const incidentId = await createCanvass(db, staff, CANVASS_ENTRIES, options.area);
  const principal = { userId: staff.userId, email: staff.email, name: staff.name, role: "supervisor" as const, via: "token" as const };
  const actor = { userId: staff.userId, label: staff.email };
  const time = async (format: CanvassFormat) => {
    const samples: number[] = [];
    let size = 0;
    let rows = 0;
    for (let i = 0; i < options.repeats + 1; i++) {
      const started = performance.now();
      const out = await renderCanvass(db, principal, actor, incidentId, format);
      const ms = performance.now() - started;
      size = out.body.length;
      rows = out.rows;
      if (i > 0) samples.push(ms); // the first run warms up pdfkit's fonts and the plan caches
    }
    return { ms: round(percentile(samples, 50), 1), size, rows };
  };
  const csv = await time("csv");
  const pdf = await time("pdf");
  return {
    canvassCsvMs: csv.ms,
    canvassPdfMs: pdf.ms,
    detail: `${csv.rows} stops; median of ${options.repeats}; CSV ${Math.round(csv.size / 1024)} KB, PDF ${Math.round(pdf.size / 1024)} KB`,
  };
}
