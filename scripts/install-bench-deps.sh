#!/usr/bin/env bash
# Installs what `npm run bench` needs beyond node_modules: Debian's native Tesseract CLI, the
# baseline OCR Desk is measured against. Safe to run again: it does nothing when the CLI is there.
#
# No Debian language packs are asked for: the bench gunzips the very traineddata files OCR Desk
# loads from @tesseract.js-data into a temp dir and passes --tessdata-dir, so both engines read the
# identical models. (Debian's tesseract-ocr hard-depends on tesseract-ocr-eng and -osd, so apt
# brings those two in regardless; the bench never reads them.)
set -euo pipefail

if command -v tesseract >/dev/null 2>&1; then
  echo "install-bench-deps: $(tesseract --version 2>&1 | head -n 1) already installed at $(command -v tesseract)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends tesseract-ocr
echo "install-bench-deps: installed $(tesseract --version 2>&1 | head -n 1)"
