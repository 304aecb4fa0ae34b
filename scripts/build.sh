#!/usr/bin/env bash
# Build the one-folder desktop program with PyInstaller: dist/free2link/free2link.
#   scripts/build.sh                 uses the python on PATH (or $PYTHON)
#   PYTHON=/path/to/venv/bin/python scripts/build.sh
# Needs the `build` extra: pip install --require-hashes -r requirements/build.txt (then pip install --no-deps -e .). Then run scripts/smoke_build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 || {
  echo "PyInstaller is not installed: $PYTHON -m pip install 'pyinstaller>=6'" >&2
  exit 1
}
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN build.spec
size_kib=$(du -sk dist/free2link | cut -f1)
echo "built dist/free2link: $((size_kib / 1024)) MB (budget 150 MB)"
