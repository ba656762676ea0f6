"use client";
import dynamic from "next/dynamic";
import type { CoverageMapProps } from "./coverage-map";

const CoverageMap = dynamic(() => import("./coverage-map"), {
  ssr: false,
  loading: () => <div className="flex h-96 items-center justify-center rounded border border-slate-200 bg-slate-100 text-sm text-slate-500">Loading map…</div>,
});

export function CoverageMapLoader(props: CoverageMapProps) {
  return <CoverageMap {...props} />;
}
