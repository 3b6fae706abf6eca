#!/usr/bin/env bash
# Compiles the Windows installer script with makensis against the Linux bundle, both
# variants (per-user and per-machine), so that its syntax and file list stay valid:
#
#   installers/nsis/check.sh [DIST_FOLDER]      (default: dist/planDesk)
#
# Uncompressed (-DFAST) and written to a temporary folder that is removed afterwards:
# only whether it compiles matters here. The real installers are made on Windows by
# installers/build.ps1 (the Linux bundle would not run there).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dist="$(cd "${1:-$root/dist/planDesk}" && pwd)"
if ! command -v makensis >/dev/null 2>&1; then
  echo "makensis: not installed (Debian: apt-get install nsis; scripts/bootstrap.sh does it as root)" >&2
  exit 1
fi
venv="$("$root/scripts/bootstrap.sh")"
read -r version vi_version < <("$venv/bin/python" "$root/installers/bundle_data.py" --versions)
out="$(mktemp -d "${TMPDIR:-/tmp}/plandesk-nsis.XXXXXX")"
trap 'rm -rf "$out"' EXIT

for variant in per-user per-machine; do
  defines=(-DFAST -DVERSION="$version" -DVI_VERSION="$vi_version" -DDIST="$dist" -DEXE_SUFFIX=
           -DOUTFILE="$out/planDesk-$variant-setup.exe")
  [ "$variant" = per-machine ] && defines+=(-DPER_MACHINE)
  # -WX: a warning (an unused string, a missing language text) fails the check too.
  makensis -V2 -WX "${defines[@]}" "$root/installers/nsis/planDesk.nsi"
  setup="$out/planDesk-$variant-setup.exe"
  if [ "$(head -c 2 "$setup")" != "MZ" ]; then
    echo "makensis: $setup is not a Windows program" >&2; exit 1
  fi
  echo "makensis: the $variant installer compiles ($(( $(wc -c <"$setup") / 1000000 )) MB uncompressed)"
  rm -f "$setup"
done
