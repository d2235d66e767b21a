#!/usr/bin/env bash
# Runs every test. Maven fetches missing dependencies on the first run; after scripts/resolve.sh
# everything is cached and the tests run with no network at all (CI runs them that way).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
mvn -B test "$@"
