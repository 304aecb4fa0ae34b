#!/usr/bin/env bash
# Smoke test of the built program (run scripts/build.sh first): dist/free2link/free2link
#   - `init` creates a workspace (passwords on stdin), `case add` prints a code   -> exit 0
#   - a wrong password                                                            -> exit 3
#   - a usage error                                                               -> exit 2
#   - a guide exported as XLSForm and XForm, and the XLSForm imported again       -> exit 0
#   - the GUI starts offscreen and is still running after a few seconds, no error output
# Prints the folder's size against the 150 MB budget. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
PROGRAM="${1:-dist/free2link/free2link}"
[ -x "$PROGRAM" ] || { echo "not built: $PROGRAM (run scripts/build.sh)" >&2; exit 1; }
export QT_QPA_PLATFORM=offscreen
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
W="$WORK/workspace"
PW="smoke test password 1"
fail() { echo "FAIL: $*" >&2; exit 1; }

printf '%s\n%s\n' "$PW" "$PW" | "$PROGRAM" --workspace "$W" init --user x >"$WORK/init.out" \
  || fail "init exited $?"
code=$(printf '%s\n' "$PW" | "$PROGRAM" --workspace "$W" case add --user x --alias "Smoke") \
  || fail "case add exited $?"
[[ "$code" =~ ^[A-Z]{2}-[0-9]{4}-[0-9]{4,}$ ]] || fail "case add printed '$code'"
listed=$(printf '%s\n' "$PW" | "$PROGRAM" --workspace "$W" case list --user x)
[[ "$listed" == *"$code"* ]] || fail "case list does not show $code"

set +e
printf 'wrong password\n' | "$PROGRAM" --workspace "$W" case list --user x >/dev/null 2>&1
status=$?
[ "$status" -eq 3 ] || fail "wrong password exited $status, expected 3"
"$PROGRAM" --workspace "$W" case --no-such-option >/dev/null 2>&1
status=$?
[ "$status" -eq 2 ] || fail "usage error exited $status, expected 2"
set -e

# XLSForm out and back in, and XForm through pyxform (openpyxl, xlrd, pyxform, lark bundled)
"$PROGRAM" questionnaire export first-screening --format xlsform --out "$WORK/fs.xlsx" >/dev/null \
  || fail "export --format xlsform exited $?"
"$PROGRAM" questionnaire export first-screening --format xform --out "$WORK/fs.xml" >/dev/null \
  || fail "export --format xform exited $?"
grep -Eq '<data id="first-screening" version="[0-9]+\.[0-9]+\.[0-9]+"' "$WORK/fs.xml" || fail "the XForm has no form id and version"
"$PROGRAM" questionnaire import-xlsform "$WORK/fs.xlsx" --out "$WORK/fs.yaml" >/dev/null \
  || fail "import-xlsform exited $?"
"$PROGRAM" questionnaire validate "$WORK/fs.yaml" >/dev/null || fail "the imported guide does not validate"

"$PROGRAM" --workspace "$W" >"$WORK/gui.out" 2>"$WORK/gui.err" &
gui=$!
sleep 4
kill -0 "$gui" 2>/dev/null || { cat "$WORK/gui.err" >&2; fail "the GUI exited early"; }
kill "$gui"
wait "$gui" 2>/dev/null || true
# the offscreen platform's own notice is not an error of ours
if grep -v "propagateSizeHints" "$WORK/gui.err" | grep -q .; then
  cat "$WORK/gui.err" >&2
  fail "the GUI wrote to stderr"
fi

size_kib=$(du -sk "$(dirname "$PROGRAM")" | cut -f1)
echo "smoke test passed: init, case add ($code), wrong password 3, usage error 2, XLSForm and XForm, GUI started"
echo "size of $(dirname "$PROGRAM"): $((size_kib / 1024)) MB (budget 150 MB)"
[ "$size_kib" -le $((150 * 1024)) ] || fail "over the 150 MB budget"
