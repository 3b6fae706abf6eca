#!/usr/bin/env bash
# Builds the frozen one-folder program dist/planDesk on Linux and checks it:
#
#   installers/build.sh            build (incrementally) + check the bundle's contents
#   installers/build.sh --clean    throw away PyInstaller's work folder first
#
# Sets up .venv first when needed (scripts/bootstrap.sh). PyInstaller keeps its analysis
# in build/pyinstaller and redoes only what changed since the last build; the bundle
# itself (dist/planDesk) is always assembled anew. The Windows program is built the same
# way by installers/build.ps1 on Windows (PyInstaller cannot cross-build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$("$root/scripts/bootstrap.sh")"
work="$root/build/pyinstaller"
dist="$root/dist"
if [ "${1:-}" = "--clean" ]; then rm -rf "$work"; fi
cd "$root"
"$venv/bin/pyinstaller" --noconfirm --log-level WARN \
  --workpath "$work" --distpath "$dist" installers/planDesk.spec
"$venv/bin/python" installers/check_bundle.py "$dist/planDesk"
