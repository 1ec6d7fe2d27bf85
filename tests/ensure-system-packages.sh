#!/usr/bin/env bash
# Debian packages the tests need: Chromium (Playwright cannot download browsers here) and poppler-utils
# (pdftotext / pdftoppm read back the PDFs we generate). Installs what is missing.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "Missing Debian packages: run 'sudo apt-get install -y ${missing[*]}' and try again." >&2
  exit 1
fi
echo "== installing from Debian: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
