/**
 * The Cook County / Chicago address grid: State St (0 E/W) and Madison St
 * (0 N/S) are the baselines, and numbers rise 800 to the mile outward.
 * Used to place synthetic demo data so that "10300 W Roosevelt Rd" lands
 * where it does on the real grid (about 87.878 W).
 */
const METERS_PER_MILE = 1609.344;
const STATE_ST_LNG = -87.6278;
const MADISON_ST_LAT = 41.8819;
const NUMBERS_PER_MILE = 800;
const METERS_PER_DEG_LAT = 111_320;

export function metersPerDegreeLng(lat: number) {
  return METERS_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
}

/** Longitude of a west-side address number (e.g. 10300 W → about -87.878). */
export function lngForWestNumber(n: number, lat: number) {
  const meters = (n / NUMBERS_PER_MILE) * METERS_PER_MILE;
  return STATE_ST_LNG - meters / metersPerDegreeLng(lat);
}

/**
 * South of Madison the first miles are irregular (Roosevelt Rd is 1200 S at one
 * mile, Cermak Rd 2200 S at two, 31st St 3100 S at three); past those anchors
 * the grid runs 800 to the mile. Piecewise-linear between them.
 */
const SOUTH_ANCHORS: [number, number][] = [
  [0, MADISON_ST_LAT],
  [1200, MADISON_ST_LAT - METERS_PER_MILE / METERS_PER_DEG_LAT],
  [2200, MADISON_ST_LAT - (2 * METERS_PER_MILE) / METERS_PER_DEG_LAT],
  [3100, MADISON_ST_LAT - (3 * METERS_PER_MILE) / METERS_PER_DEG_LAT],
];

/** Latitude of a south-side address number (e.g. 1200 S = Roosevelt Rd, 41.8674 N). */
export function latForSouthNumber(n: number) {
  for (let i = 1; i < SOUTH_ANCHORS.length; i++) {
    const [n0, lat0] = SOUTH_ANCHORS[i - 1];
    const [n1, lat1] = SOUTH_ANCHORS[i];
    if (n <= n1) return lat0 + ((n - n0) / (n1 - n0)) * (lat1 - lat0);
  }
  const [nLast, latLast] = SOUTH_ANCHORS[SOUTH_ANCHORS.length - 1];
  return latLast - ((n - nLast) / NUMBERS_PER_MILE) * (METERS_PER_MILE / METERS_PER_DEG_LAT);
}

export function westNumberForLng(lng: number, lat: number) {
  return ((STATE_ST_LNG - lng) * metersPerDegreeLng(lat) * NUMBERS_PER_MILE) / METERS_PER_MILE;
}

export function southNumberForLat(lat: number) {
  for (let i = 1; i < SOUTH_ANCHORS.length; i++) {
    const [n0, lat0] = SOUTH_ANCHORS[i - 1];
    const [n1, lat1] = SOUTH_ANCHORS[i];
    if (lat >= lat1) return n0 + ((lat - lat0) / (lat1 - lat0)) * (n1 - n0);
  }
  const [nLast, latLast] = SOUTH_ANCHORS[SOUTH_ANCHORS.length - 1];
  return nLast + ((latLast - lat) * METERS_PER_DEG_LAT * NUMBERS_PER_MILE) / METERS_PER_MILE;
}
