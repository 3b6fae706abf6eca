#!/usr/bin/env bash
# Sets up a development environment for planDesk in .venv and prints its path.
# Idempotent and fast when nothing changed: the venv is rebuilt only when
# pyproject.toml changes or the venv's Python is not >= 3.12.
# Sourced by scripts/run and scripts/test; may also be run on its own.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.plandesk-stamp"

say() { printf 'planDesk set-up: %s\n' "$*" >&2; }

version_ok() {  # $1: a python executable; true when it is CPython >= 3.12
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

find_python() {
  # PySide6 6.12 on Python 3.11 aborts with "Fatal Python error: none_dealloc",
  # so only 3.12 or newer is acceptable.
  local c
  if [ -n "${PLANDESK_PYTHON:-}" ]; then
    version_ok "$PLANDESK_PYTHON" && { echo "$PLANDESK_PYTHON"; return 0; }
    say "PLANDESK_PYTHON=$PLANDESK_PYTHON is not Python 3.12 or newer."
    return 1
  fi
  for c in python3.12 python3.13 python3.14 python3; do
    if command -v "$c" >/dev/null 2>&1 && version_ok "$(command -v "$c")"; then
      command -v "$c"; return 0
    fi
  done
  local pyenv_root="${PYENV_ROOT:-}"
  if [ -z "$pyenv_root" ] && command -v pyenv >/dev/null 2>&1; then
    pyenv_root="$(pyenv root)"
  fi
  [ -n "$pyenv_root" ] || pyenv_root="$HOME/.pyenv"
  for c in "$pyenv_root"/versions/3.12*/bin/python3 "$pyenv_root"/versions/3.13*/bin/python3 \
           "$pyenv_root"/versions/3.1[4-9]*/bin/python3; do
    if [ -x "$c" ] && version_ok "$c"; then echo "$c"; return 0; fi
  done
  return 1
}

debian_packages() {
  # Shared libraries Qt needs at run time, Xvfb/poppler for looking at windows
  # and PDFs, nsis (makensis) to check the Windows installer script, and LibreOffice
  # Calc with its UNO bridge for /usr/bin/python3 (a real spreadsheet client in the tests),
  # gcc to compile the Windows stage's stub DLL sources in a test.
  # Installed only when missing and only when we are root on Debian.
  local need=()
  local pkg
  for pkg in libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 poppler-utils \
             xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 nsis openbox \
             libreoffice-calc python3-uno gcc; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
  done
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${need[*]}"
    "$root/scripts/apt-install.sh" -- "${need[@]}"
  else
    say "missing Debian packages (install them as root): ${need[*]}"
  fi
}

if command -v dpkg-query >/dev/null 2>&1; then debian_packages; fi

want="$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && version_ok "$venv/bin/python" && [ -f "$stamp" ] \
   && [ "$(cat "$stamp")" = "$want" ]; then
  echo "$venv"; exit 0
fi

if ! py="$(find_python)"; then
  say "Python 3.12 以上が見つかりません / no Python 3.12 or newer found."
  say "Install one (e.g. 'pyenv install 3.12') or set PLANDESK_PYTHON=/path/to/python3.12."
  exit 3
fi
say "using $py ($("$py" -c 'import sys; print(sys.version.split()[0])'))"
if [ -d "$venv" ] && ! version_ok "$venv/bin/python"; then rm -rf "$venv"; fi
[ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >&2
"$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$root[dev]" >&2
echo "$want" > "$stamp"
echo "$venv"
