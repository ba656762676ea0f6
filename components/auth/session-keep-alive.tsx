"use client";

import { useEffect, useRef } from "react";
import { usePathname } from "next/navigation";

const MIN_INTERVAL_MS = 60_000;

/**
 * The idle timeout counts from the last activity: navigation or input refreshes
 * the session (at most once a minute) through next-auth's session endpoint,
 * which re-issues the cookie. No timer: an unattended screen times out.
 */
export function SessionKeepAlive() {
  const pathname = usePathname();
  const last = useRef(0);
  useEffect(() => {
    const touch = () => {
      const now = Date.now();
      if (now - last.current < MIN_INTERVAL_MS) return;
      last.current = now;
      void fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" });
    };
    touch();
    const events = ["keydown", "pointerdown"] as const;
    events.forEach((e) => window.addEventListener(e, touch, { passive: true }));
    return () => events.forEach((e) => window.removeEventListener(e, touch));
  }, [pathname]);
  return null;
}
