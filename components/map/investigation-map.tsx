"use client";
import "leaflet/dist/leaflet.css";
import { useMemo } from "react";
import { MapContainer, TileLayer } from "react-leaflet";
import type { Numbering } from "@/lib/investigation/result-numbering";
import type { RouteLeg } from "@/lib/investigation/route-snap";
import type { LngLat, MapSettings, SearchMode, SiteFeature } from "@/lib/investigation/workspace-types";
import { StreetsLayer } from "./streets-layer";
import { SiteClusters } from "./site-clusters";
import { RadiusCircle } from "./radius-circle";
import { RouteDraw } from "./route-draw";
import { ViewCones } from "./view-cones";
import { ResultMarkers } from "./result-markers";
import { FitToResults } from "./fit-to-results";
import { MapCenter, MapClicks } from "./map-clicks";
import { IncidentPin } from "./incident-pin";
import { KeepInView } from "./keep-in-view";

export interface InvestigationMapProps {
  settings: MapSettings;
  mode: SearchMode;
  pin: LngLat | null;
  route: LngLat[];
  /** The route along the streets (null until snapped), and its legs (null for a saved line). */
  routeLine: LngLat[] | null;
  routeLegs: RouteLeg[] | null;
  radiusM: number;
  widthM: number;
  /** Every result of the search (the map frames them all) … */
  results: SiteFeature[];
  /** … and those the filters show, drawn as markers and cones. */
  shownResults: SiteFeature[];
  numbering: Numbering;
  selectedId: string | null;
  onSelect: (registrationId: string) => void;
  onMapClick: (at: LngLat) => void;
  onCenterChange: (at: LngLat) => void;
}

/** The investigation map: vector streets under optional tiles, all sites clustered, the search and its results on top. */
export default function InvestigationMap(props: InvestigationMapProps) {
  const { settings } = props;
  // The initial view, for the layers' first requests (preloaded by the page, see first-view-box.ts).
  const firstView = useMemo(
    () => ({ centerLat: settings.centerLat, centerLng: settings.centerLng, zoom: settings.zoom }),
    [settings.centerLat, settings.centerLng, settings.zoom],
  );
  return (
    <MapContainer
      center={[settings.centerLat, settings.centerLng]}
      zoom={settings.zoom}
      preferCanvas
      className="h-full w-full"
      aria-label="Investigation map"
    >
      <TileLayer url={settings.tileUrl} attribution={settings.tileAttribution} maxZoom={20} />
      <StreetsLayer firstView={firstView} />
      <SiteClusters firstView={firstView} />
      <MapClicks onClick={props.onMapClick} />
      <MapCenter onChange={props.onCenterChange} />
      {props.mode === "pin" && props.pin && <RadiusCircle center={props.pin} radiusM={props.radiusM} />}
      {props.mode === "pin" && props.pin && <IncidentPin at={props.pin} />}
      {props.mode === "route" && <RouteDraw points={props.route} line={props.routeLine} legs={props.routeLegs} widthM={props.widthM} />}
      <ViewCones results={props.shownResults} selectedId={props.selectedId} />
      <ResultMarkers results={props.shownResults} numbering={props.numbering} selectedId={props.selectedId} onSelect={props.onSelect} />
      <KeepInView at={props.mode === "pin" ? props.pin : (props.route[props.route.length - 1] ?? null)} />
      <FitToResults results={props.results} pin={props.mode === "pin" ? props.pin : null} route={props.mode === "route" ? (props.routeLine ?? props.route) : []} />
    </MapContainer>
  );
}
