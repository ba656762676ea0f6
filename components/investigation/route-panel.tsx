"use client";
import type { LngLat } from "@/lib/investigation/workspace-types";
import { AddressSearch } from "./address-search";
import { describeSnap, type SnapOutcome } from "./use-route-snap";

interface Props {
  points: LngLat[];
  done: boolean;
  snap: { outcome: SnapOutcome | null; pending: boolean };
  /** The map's centre (under the crosshair), for adding a point without pointing at the map. */
  mapCenter: LngLat | null;
  /** The incident pin, if one was dropped before switching to the route: a route often starts or ends there. */
  pin: LngLat | null;
  onAdd: (at: LngLat) => void;
  onUndo: () => void;
  onClear: () => void;
  onFinish: () => void;
  onReopen: () => void;
}

const button = "min-h-11 rounded border px-3 text-sm font-medium disabled:opacity-50";
const plain = `${button} border-slate-300 bg-white hover:bg-slate-100`;

/**
 * Drawing the route of travel by mouse, touch or keyboard: tap or click the
 * map, or pan it (arrow keys when it has focus) and add the point under the
 * crosshair, or add a found address. The line follows the streets between
 * the points, and the panel says where it could not.
 */
export function RoutePanel({ points, done, snap, mapCenter, pin, onAdd, onUndo, onClear, onFinish, onReopen }: Props) {
  return (
    <div className="space-y-2" data-testid="route-panel">
      <p className="text-xs text-slate-600" aria-live="polite">
        {done
          ? `Route finished with ${points.length} points.`
          : `${points.length} ${points.length === 1 ? "point" : "points"} so far. Tap or click the map to add one, or move the map (arrow keys when it has focus) and add the point under the crosshair.`}
      </p>
      {points.length >= 2 && (
        <p className="text-xs text-slate-700" role="status" data-testid="route-snap">
          {snap.pending ? "Fitting the route to the streets…" : snap.outcome ? ("error" in snap.outcome ? `Could not fit the route to the streets (${snap.outcome.error}); it is searched as clicked.` : describeSnap(snap.outcome.answer)) : null}
        </p>
      )}
      {done ? (
        <button type="button" className={plain} onClick={onReopen}>
          Edit route
        </button>
      ) : (
        <>
          <div className="flex flex-wrap gap-1">
            <button type="button" className={plain} disabled={!mapCenter} onClick={() => mapCenter && onAdd(mapCenter)}>
              Add point at map centre
            </button>
            {pin && (
              <button type="button" className={plain} onClick={() => onAdd(pin)}>
                Add point at the incident pin
              </button>
            )}
            <button type="button" className={plain} disabled={points.length === 0} onClick={onUndo}>
              Undo last point
            </button>
            <button type="button" className={plain} disabled={points.length === 0} onClick={onClear}>
              Clear route
            </button>
            <button type="button" className={`${button} border-brand-700 bg-brand-700 text-white hover:bg-brand-900`} onClick={onFinish}>
              Finish route
            </button>
          </div>
          <AddressSearch label="Add an address to the route" found="Added" onFound={(at) => onAdd(at)} />
        </>
      )}
    </div>
  );
}
