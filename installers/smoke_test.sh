#!/usr/bin/env bash
# Smoke test of the frozen build: runs the bundled programs headlessly, as a user would,
# on temporary databases, with no Python and no source tree on their path.
#
#   installers/smoke_test.sh [DIST_FOLDER]      (default: dist/planDesk)
#
# Checks: --version (the version in pyproject.toml), init (both samples), show, show --json,
# a refusal without a traceback, every subcommand's --help, one export of each kind and
# file type that `plandesk-cli export --help` lists at that time (so new kinds are covered
# without editing this file), import-plan/merge when they exist, and the GUI's first paint
# when the GUI supports PLANDESK_EXIT_AFTER_FIRST_PAINT. Works in Git Bash on Windows too.
# Ends with the line "smoke: N passed, M failed, K skipped"; exit status 1 when M > 0.
# PLANDESK_SMOKE_PYTHON=.venv/bin/python lets it ask the source program whether an export
# the frozen one refuses is refused there too (else that export is only skipped).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$(cd "${1:-$root/dist/planDesk}" && pwd)" || { echo "smoke: no bundle at ${1:-dist/planDesk}" >&2; exit 2; }

exe=""
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) exe=".exe" ;; esac
cli="$dist/plandesk-cli$exe"
gui="$dist/planDesk$exe"
version="$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$root/pyproject.toml" | head -1)"

if [ -n "${PLANDESK_SMOKE_PYTHON:-}" ]; then
  PLANDESK_SMOKE_PYTHON="$(cd "$(dirname "$PLANDESK_SMOKE_PYTHON")" && pwd)/$(basename "$PLANDESK_SMOKE_PYTHON")"
  [ -x "$PLANDESK_SMOKE_PYTHON" ] || { echo "smoke: PLANDESK_SMOKE_PYTHON=$PLANDESK_SMOKE_PYTHON is not a program" >&2; exit 2; }
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/plandesk-smoke.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
# Git Bash on Windows: C:/… paths, which both bash and the Windows programs understand.
if command -v cygpath >/dev/null 2>&1; then tmp="$(cygpath -m "$tmp")"; fi
cd "$tmp" || exit 2

# Reading show --json needs a JSON parser: the build machine's Python (the frozen programs
# themselves never use it).
json_python="${PLANDESK_SMOKE_PYTHON:-$(command -v python3 || command -v python || true)}"
[ -n "$json_python" ] || { echo "smoke: no Python to read JSON with (set PLANDESK_SMOKE_PYTHON)" >&2; exit 2; }
json_get() {  # json_get FILE EXPRESSION: the expression evaluated on the parsed file as d
  PYTHONUTF8=1 "$json_python" -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval(sys.argv[2]))' "$1" "$2" 2>/dev/null | tr -d '\r'
}

# The frozen programs must need nothing from the build machine's Python.
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV PLANDESK_DB
export PYTHONNOUSERSITE=1
export PLANDESK_DATA_DIR="$tmp/appdata"
export QT_QPA_PLATFORM=offscreen
[ -z "$exe" ] && export PATH="/usr/bin:/bin"

passed=0
failed=0
skipped=0
ok()   { passed=$((passed + 1)); echo "  ok    $*"; }
fail() { failed=$((failed + 1)); echo "  FAIL  $*"; }

# run NAME EXPECTED_STATUS CMD...: runs CMD with its output in $tmp/out, $tmp/err;
# a traceback or the "unexpected error" message (a module or file missing from the bundle
# usually shows as one of those) fails the step whatever the exit status.
run() {
  local name="$1" want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if grep -q -e "Traceback" -e "予期しないエラー" "$tmp/err"; then
    fail "$name: crashed (exit $got)"; sed 's/^/        /' "$tmp/err" | tail -15; return 1
  fi
  if [ "$got" != "$want" ]; then
    fail "$name: exit $got, expected $want"; sed 's/^/        /' "$tmp/err" | tail -15; return 1
  fi
  ok "$name"
}

magic() {  # the first four bytes of a file as hex
  od -An -tx1 -N4 "$1" 2>/dev/null | tr -d ' \n'
}

expect_magic() {  # expect_magic NAME FILE: the file exists and starts like its suffix says
  local name="$1" file="$2" want=""
  case "${file##*.}" in
    pdf) want="25504446" ;;   # %PDF
    xlsx) want="504b0304" ;;  # a zip
    png) want="89504e47" ;;   # \x89PNG
  esac
  if [ ! -s "$file" ]; then fail "$name: no output file"; return 1; fi
  if [ -n "$want" ] && [ "$(magic "$file")" != "$want" ]; then
    fail "$name: $(basename "$file") is not a .${file##*.} file"; return 1
  fi
  ok "$name: $(basename "$file") ($(wc -c <"$file" | tr -d ' ') bytes)"
}

echo "smoke test of $dist (planDesk $version)"
[ -x "$cli" ] || { echo "smoke: $cli is missing" >&2; exit 2; }
[ -x "$gui" ] || { echo "smoke: $gui is missing" >&2; exit 2; }

db="$tmp/plan.sqlite3"
db2="$tmp/hitachi.sqlite3"

if run "--version" 0 "$cli" --version; then
  if [ "$(tr -d '\r' <"$tmp/out")" = "planDesk $version" ]; then ok "--version says $version"
  else fail "--version printed '$(cat "$tmp/out")', expected 'planDesk $version'"; fi
fi
# The windowed Windows program has no console to print to; elsewhere it prints like the CLI.
if [ -z "$exe" ]; then run "GUI program --version" 0 "$gui" --version; fi

run "init (hitachinaka)" 0 "$cli" --db "$db" init && [ -s "$db" ] && ok "database file written"
run "init --sample hitachi" 0 "$cli" --db "$db2" init --sample hitachi
run "show" 0 "$cli" --db "$db" show && grep -q "ひたちなか市" "$tmp/out" && ok "show names the plan"
run "show --json" 0 "$cli" --db "$db" show --json
cp "$tmp/out" "$tmp/plan.json"
count="$(json_get "$tmp/plan.json" 'len(d["initiatives"])')"
if [ "${count:-0}" -ge 30 ]; then ok "show --json has the initiatives ($count)"
else fail "show --json: no initiatives (${count:-not JSON})"; fi
run "a missing database is refused, without a traceback" 1 "$cli" --db "$tmp/none.sqlite3" show
run "bad usage exits 2" 2 "$cli" no-such-command

# Every subcommand answers --help (its module and its imports are in the bundle).
run "--help" 0 "$cli" --help
commands="$(tr -d '\r' <"$tmp/out" | awk '/^  コマンド/{on=1; next} on && /^    [a-z]/{print $1} on && /^$/{exit}')"
[ -n "$commands" ] || fail "no subcommands found in --help"
for c in $commands; do run "$c --help" 0 "$cli" "$c" --help; done

# A department and a fiscal year to offer the exports that need them: the first department
# of the first initiative, and the first fiscal year of the plan.
first_department() { json_get "$1" 'd["initiatives"][0]["departments"][0]'; }
first_fy() { json_get "$1" 'd["plan"]["period"]["start_fy"]'; }
dept="$(first_department "$tmp/plan.json")"
fy="$(first_fy "$tmp/plan.json")"
"$cli" --db "$db2" show --json >"$tmp/hitachi.json" 2>/dev/null
dept2="$(first_department "$tmp/hitachi.json")"
fy2="$(first_fy "$tmp/hitachi.json")"

# Export kinds and their file types, from the help text: "  KIND: 説明（.xlsx/.pdf）".
"$cli" export --help 2>&1 | tr -d '\r' >"$tmp/export-help"
kinds="$(sed -n 's/^  \([a-z][a-z0-9_-]*\): .*（\([^（）]*\)）$/\1 \2/p' "$tmp/export-help")"
if [ -z "$kinds" ]; then echo "  (no export kinds are registered yet)"; fi
# An export the frozen program refuses (exit 1, a Japanese reason) is only a failure when
# the source program does the same export; with no source program to ask
# (PLANDESK_SMOKE_PYTHON unset) it counts as skipped.
source_succeeds() {  # source_succeeds DB ARGS...: the source program exports with these options
  [ -n "${PLANDESK_SMOKE_PYTHON:-}" ] || return 1
  local target="$1"; shift
  # UTF-8 mode as in the frozen program (else Japanese output fails on a cp1252 Windows).
  PYTHONUTF8=1 "$PLANDESK_SMOKE_PYTHON" -m planDesk --db "$target" "$@" >/dev/null 2>&1
}
while read -r kind suffixes; do
  [ -n "$kind" ] || continue
  for suffix in ${suffixes//\// }; do
    out="$tmp/export-$kind$suffix"
    result="refused"
    # Plain first; then with the options an output may require; then on the other sample.
    for attempt in "$db|" "$db|--department|$dept" "$db|--department|$dept|--fy|$fy" "$db|--fy|$fy" \
                   "$db2|" "$db2|--department|$dept2|--fy|$fy2"; do
      IFS='|' read -r -a parts <<<"$attempt"
      "$cli" --db "${parts[0]}" export "$kind" --out "$out" "${parts[@]:1}" >"$tmp/out" 2>"$tmp/err"
      status=$?
      if grep -q -e "Traceback" -e "予期しないエラー" "$tmp/err"; then result="crashed"; break; fi
      if [ $status = 0 ]; then result="done"; break; fi
      if source_succeeds "${parts[0]}" export "$kind" --out "$tmp/source-$kind$suffix" "${parts[@]:1}"; then
        result="source-only"; break
      fi
    done
    case "$result" in
      done)
        expect_magic "export $kind $suffix${parts[1]:+ (${parts[*]:1})}" "$out"
        echo "${parts[0]}" >"$out.db" ;;  # the database it came from, for merge below
      refused)
        skipped=$((skipped + 1))
        echo "  skip  export $kind $suffix: refused with every option tried, as the source program does:"
        sed 's/^/        /' "$tmp/err" | tail -3 ;;
      source-only)
        fail "export $kind $suffix: refused (exit $status) where the source program succeeds (${parts[*]:1})"
        sed 's/^/        /' "$tmp/err" | tail -15 ;;
      *) fail "export $kind $suffix: crashed (exit $status)"; sed 's/^/        /' "$tmp/err" | tail -15 ;;
    esac
  done
done <<<"$kinds"

# Commands that read files the exports wrote, when both exist.
if echo "$commands" | grep -qx "import-plan" && [ -s "$tmp/export-plan.xlsx" ]; then
  run "init --sample empty" 0 "$cli" --db "$tmp/empty.sqlite3" init --sample empty
  run "import-plan (the exported plan)" 0 "$cli" --db "$tmp/empty.sqlite3" import-plan "$tmp/export-plan.xlsx"
fi
if echo "$commands" | grep -qx "merge" && [ -s "$tmp/export-submission.xlsx" ]; then
  run "merge --dry-run (the exported submission)" 0 \
    "$cli" --db "$(cat "$tmp/export-submission.xlsx.db")" merge --dry-run "$tmp/export-submission.xlsx"
fi

# A shared PostgreSQL server (docs/server.md): the bundled driver connects, when the test run
# started a server (scripts/test exports PLANDESK_TEST_PG_URL); a new database for it.
if [ -n "${PLANDESK_TEST_PG_URL:-}" ] && [ -n "${PLANDESK_SMOKE_PYTHON:-}" ]; then
  pg_database() {  # pg_database create|drop NAME: prints the new database's URL for create
    "$PLANDESK_SMOKE_PYTHON" -c 'import sys
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
url, what, name = sys.argv[1:4]
admin = create_engine(url, isolation_level="AUTOCOMMIT")
with admin.connect() as conn:
    if what == "create":
        conn.execute(text(f"CREATE DATABASE \"{name}\""))
        print(make_url(url).set(database=name).render_as_string(hide_password=False))
    else:
        conn.execute(text(f"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))' "$PLANDESK_TEST_PG_URL" "$1" "$2"
  }
  pgname="plandesk_smoke_$$"
  if pgurl="$(pg_database create "$pgname")"; then
    run "server: upgrade-db" 0 "$cli" --db "$pgurl" upgrade-db --no-backup
    run "server: init" 0 "$cli" --db "$pgurl" init
    run "server: show" 0 "$cli" --db "$pgurl" show && grep -q "ひたちなか市" "$tmp/out" && ok "server: show names the plan"
    pg_database drop "$pgname" >/dev/null
  else
    fail "server: could not create a database on the test server"
  fi
else
  skipped=$((skipped + 1)); echo "  skip  server (no PLANDESK_TEST_PG_URL / PLANDESK_SMOKE_PYTHON)"
fi

# The GUI: starts, opens the database, shows the plan and quits (a hook of the GUI; "=1"
# would quit at the first paint, before the database is opened).
if grep -rqs "PLANDESK_EXIT_AFTER_FIRST_PAINT" "$root/src/planDesk/gui"; then
  PLANDESK_EXIT_AFTER_FIRST_PAINT=plan run "GUI start until the plan is shown (offscreen)" 0 timeout 120 "$gui" --db "$db"
else
  echo "  (the GUI has no PLANDESK_EXIT_AFTER_FIRST_PAINT hook yet: GUI start not checked)"
fi

if find "$dist" -name "__pycache__" | grep -q .; then
  fail "the programs wrote __pycache__ folders into the bundle"
else
  ok "nothing written into the bundle"
fi

echo "smoke: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
