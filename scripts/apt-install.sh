#!/usr/bin/env bash
# Installs Debian packages as root, one installer at a time: scripts/bootstrap.sh,
# scripts/postgres.sh and installers/windows/wine_check.sh may run side by side (.ci/run runs
# the Windows stage beside the test suite), and apt-get refuses to start while another holds
# its lock. Extra apt-get options come before "--", the packages after it:
#   scripts/apt-install.sh [--no-install-recommends] -- PACKAGE...
set -euo pipefail
opts=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
[ $# -gt 0 ] || { echo "apt-install: no packages named" >&2; exit 2; }
exec 9>/var/lock/plandesk-apt.lock
flock 9
# Another installer may have installed them while this one waited.
missing=()
for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
[ ${#missing[@]} -gt 0 ] || exit 0
# An unattended upgrade may hold dpkg's own lock: wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${opts[@]}" "${missing[@]}" >/dev/null
