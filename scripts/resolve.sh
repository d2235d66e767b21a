#!/usr/bin/env bash
# Downloads every build and test dependency into the local Maven repository, so that the tests
# and the study can then run with no network at all.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q dependency:go-offline -DexcludeReactor=true
# Surefire resolves its JUnit provider lazily, at the first test run: fetch it now.
mvn -B -q test -Dtest=LensRuntimeSmokeTest -Dsurefire.failIfNoSpecifiedTests=false -pl lens-core
