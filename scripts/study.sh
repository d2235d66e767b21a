#!/usr/bin/env bash
# The main job: builds Lens4J and runs the fabric-defect layer study on the built-in
# random-weight Qwen2-VL-shaped network (500 images, five modules). Real woven-fabric textures are
# used when Debian's krita-data or gimp-data is installed, procedural weaves otherwise.
# Extra arguments go to `lens study fabric`, e.g. --model DIR, --pairs 50, --out DIR.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mvn -B -q -f "$root/pom.xml" -pl examples -am -DskipTests package
exec "$root/scripts/lens" study fabric "$@"
