/** Short human descriptions of a site's cameras for the results list. */

/** "3 cameras: front (S), rear (direction unknown)". */
export function summarizeCameras(cameraCount: number, cameras: { position: string; bearingDeg: number | null }[]): string {
  const described = cameras.map((c) => `${c.position.replace("_", "/")} (${c.bearingDeg === null ? "direction unknown" : compassPoint(c.bearingDeg)})`);
  const count = Math.max(cameraCount, cameras.length);
  return `${count} camera${count === 1 ? "" : "s"}${described.length ? `: ${described.join(", ")}` : ""}`;
}

const COMPASS = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];
export function compassPoint(bearingDeg: number): string {
  return COMPASS[Math.round((((bearingDeg % 360) + 360) % 360) / 45) % 8];
}
