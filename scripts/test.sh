#!/usr/bin/env bash
# Runs every test. Maven fetches missing dependencies on the first run.
# After scripts/resolve.sh everything is cached, so the tests then need no network (CI runs them so).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
mvn -B test "$@"
