#!/usr/bin/env bash
# Playwright cannot download browsers here; it drives Debian's Chromium. Install it when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing: run 'sudo apt-get install -y chromium fonts-dejavu-core' and try again." >&2
  exit 1
fi
echo "== installing Chromium from Debian"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
