#!/usr/bin/env bash
# Debian packages the tests need: PostGIS for the local PostgreSQL 15 server,
# Chromium for end-to-end tests, poppler-utils to render exported PDFs,
# ffmpeg (ffprobe, and test videos) for evidence intake, nginx for the
# two-instance test (run by the test itself; the system service is stopped),
# clamav-daemon (clamd) and clamav (sigtool, clamscan) for the virus-scan tests
# (they start their own clamd with a generated signature database: no
# freshclam, no downloads; Debian's clamav services are stopped).
set -euo pipefail
need=()
dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || need+=(postgresql-15-postgis-3)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need+=(nginx)
dpkg -s clamav-daemon >/dev/null 2>&1 || need+=(clamav-daemon)
dpkg -s clamav >/dev/null 2>&1 || need+=(clamav)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
  # Debian starts nginx's service on port 80 on install; the tests run their own.
  if [[ " ${need[*]} " == *" nginx "* ]]; then
    service nginx stop >/dev/null 2>&1 || true
  fi
  # Debian may start clamd (with no signatures) and freshclam (which cannot download here) on install.
  if [[ " ${need[*]} " == *" clamav-daemon "* ]]; then
    service clamav-freshclam stop >/dev/null 2>&1 || true
    service clamav-daemon stop >/dev/null 2>&1 || true
  fi
fi
echo "system packages present"
