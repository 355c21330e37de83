#!/usr/bin/env bash
# System packages OCR Desk's tests and benchmarks need, from Debian's archive. Idempotent.
#   scripts/install-system-packages.sh          what `npm test` needs
#   scripts/install-system-packages.sh --bench  plus native Tesseract, the baseline of `npm run bench` and `npm run eval`
set -euo pipefail

packages=()
# npm test's browser tests drive Debian's Chromium (playwright-core downloads no browser); sharp and
# tesseract.js ship their binaries on npm. fonts-noto-cjk draws the UI's Chinese in screenshots.
command -v chromium >/dev/null || packages+=(chromium)
[[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]] || packages+=(fonts-noto-cjk)
# The table export's test has LibreOffice Calc (headless, no GUI libraries) convert our xlsx to CSV:
# exceljs wrote the file, so only another spreadsheet program shows it reads as the table did.
command -v soffice >/dev/null || packages+=(libreoffice-calc-nogui)
if [[ "${1:-}" == "--bench" ]]; then
  command -v tesseract >/dev/null || packages+=(tesseract-ocr)
fi

if ((${#packages[@]} == 0)); then
  echo "install-system-packages: nothing to install"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-system-packages: run as root (or with sudo) to install: ${packages[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# --no-install-recommends keeps Debian's language packs out: the bench feeds native Tesseract the
# very model files OCR Desk uses.
apt-get install -y -qq --no-install-recommends "${packages[@]}"
