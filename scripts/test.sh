#!/usr/bin/env bash
# Runs every test offline (Maven's -o): resolve dependencies first with scripts/resolve.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
mvn -B -o test "$@"
