#!/usr/bin/env sh
# Refresh the lock files in requirements/ from the loose ranges in pyproject.toml.
#
#   sh scripts/update_lock.sh              keep today's pins, add or drop what pyproject changed
#   sh scripts/update_lock.sh --upgrade    move every pin to the newest release the ranges allow
#
# Needs uv (pip install uv). uv resolves once for every platform and Python >= 3.11
# (--universal), so the same file installs on the centres' Windows laptops, on macOS and on
# Linux, and records the sha256 of every wheel and source archive, which pip checks
# (--require-hashes) before installing anything.
set -eu
cd "$(dirname "$0")/.."
lock() {
  uv pip compile pyproject.toml --universal --generate-hashes --python-version 3.11 --quiet \
    --custom-compile-command "sh scripts/update_lock.sh" "$@"
}
lock "$@" -o requirements/app.txt
lock "$@" --extra test -o requirements/test.txt
lock "$@" --extra build -o requirements/build.txt
