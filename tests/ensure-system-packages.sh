#!/usr/bin/env bash
# Debian packages the tests need: Chromium (Playwright cannot download browsers here) and poppler-utils
# (pdftotext / pdftoppm read back the PDFs we generate). Installs what is missing.
# With arguments, checks those instead: each is a command that comes in the Debian package of the same name
# (the security scan runs `tests/ensure-system-packages.sh wapiti`).
set -euo pipefail
missing=()
if [ $# -gt 0 ]; then
  for command in "$@"; do
    command -v "$command" >/dev/null || missing+=("$command")
  done
else
  [ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
  command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "Missing Debian packages: run 'sudo apt-get install -y ${missing[*]}' and try again." >&2
  exit 1
fi
echo "== installing from Debian: ${missing[*]}"
# Waits for another apt run (a parallel build on the same machine) instead of failing on its lock.
apt-get update -qq -o DPkg::Lock::Timeout=300
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null
