/**
 * Directions to a canvass stop, from the agency's DIRECTIONS_URL_TEMPLATE
 * (a geo: URI for the phone's maps app, or a web map). Pure: the canvass card
 * calls it in the browser.
 */
export function directionsUrl(template: string, stop: { lat: number; lng: number; address: string }): string {
  return template
    .replaceAll("{lat}", stop.lat.toFixed(6))
    .replaceAll("{lng}", stop.lng.toFixed(6))
    .replaceAll("{address}", encodeURIComponent(stop.address));
}

/** A phone number as a tel: link (digits and a leading + only, so nothing else can ride along). */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");
  return `tel:${digits}`;
}
