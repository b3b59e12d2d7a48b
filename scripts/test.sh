#!/usr/bin/env bash
# The test command: installs prerequisites, builds, runs every test project, and ends with one line
# "N passed, N failed, N skipped" holding the real totals. A project that fails to build or run counts as failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/prereqs.sh || { echo "0 passed, 1 failed"; exit 1; }
if ! scripts/build.sh; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
passed=0; failed=0; skipped=0
for proj in tests/*.Tests/*.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== $name"
  dotnet test "$proj" -c "${CONFIGURATION:-Release}" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results/$name" 2>&1 | grep -vE '^\s*$' | grep -E 'Passed |Failed |Skipped |error|Error|Assert|Exception|at Cilium|Total tests|Passed!|Failed!|^\s+(Expected|Actual)' | head -300
  trx=$(ls "$results/$name"/*.trx 2>/dev/null | head -1)
  if [ -z "$trx" ]; then
    echo "$name: no results (did not run)"; failed=$((failed + 1)); continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(get passed); f=$(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) )); s=$(get notExecuted)
  if [ "$(get total)" = 0 ]; then f=$((f + 1)); echo "$name: ran no test"; fi
  echo "$name: $p passed, $f failed, $s skipped"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
