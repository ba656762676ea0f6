"use client";
/**
 * The Leaflet islands, loaded only in the browser (Leaflet needs `window`).
 * Until they load, or if they fail, the form keeps working: the compass
 * buttons and the address are enough to register.
 */
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";

function MapLoading() {
  const t = useTranslations("pin");
  return <p className="mt-2 text-sm text-slate-700">{t("loading")}</p>;
}
const loading = () => <MapLoading />;

export const BearingMapLoader = dynamic(() => import("./bearing-map"), { ssr: false, loading });
export const PinMapLoader = dynamic(() => import("./pin-map"), { ssr: false, loading });
