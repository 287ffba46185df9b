#!/usr/bin/env bash
# Runs every test of OrleansSessions: unit, TestingHost cluster, HTTP gateway and Azurite storage tests.
# It installs what the tests need (Azurite from npm, Redis and Chromium from Debian), which the tests start themselves.
set -euo pipefail
cd "$(dirname "$0")"

deploy/azurite/install.sh
deploy/redis/install.sh
deploy/chromium/install.sh

rm -rf .local/test-results
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
dotnet test OrleansSessions.sln --configuration Release 2>&1 \
  | tee "$results/output.txt" || status=$?

# One closing line over every test project: "tests: N passed, N failed, N skipped".
python3 - "$results/output.txt" <<'PY'
import re, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], errors="ignore"):
    m = re.search(r"(Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+)", line)
    if m:
        failed += int(m.group(2)); passed += int(m.group(3)); skipped += int(m.group(4))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
for figures in .local/test-results/*.txt; do
  [ -e "$figures" ] && { echo "== $figures"; cat "$figures"; }
done
exit "$status"
