#!/usr/bin/env bash
# The user directory benchmark (bench/DirectoryBench) on both stores, at 1 000 and 1 000 000 users: the embedded
# default's SQLite file, and Azure Table on a local in-memory Azurite (the local cluster's store). Seeding Azurite
# stops after DIRECTORY_BENCH_SEED_MINUTES (default 10) per size; the table then says how many users were measured.
# Azurite scans the whole table for every query, so its reads are the median of DIRECTORY_BENCH_AZURE_RUNS (5).
# DIRECTORY_BENCH_SIZES overrides the sizes. Not part of ./test.sh: it takes half an hour and gigabytes. Tables go
# to stdout and .local/bench/directory-*.md.
set -euo pipefail
cd "$(dirname "$0")/.."

out=.local/bench
mkdir -p "$out"
deploy/azurite/install.sh
dotnet build bench/DirectoryBench -c Release -nologo -v q
bench="dotnet bench/DirectoryBench/bin/Release/net10.0/OrleansSessions.DirectoryBench.dll"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
NODE_OPTIONS=--max-old-space-size=8192 node deploy/azurite/node_modules/azurite/dist/src/table/main.js --inMemoryPersistence --skipApiVersionCheck \
  --loose --silent --disableTelemetry --tableHost 127.0.0.1 --tablePort "$port" &
azurite=$!
trap 'kill -INT "$azurite" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
azure="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$out/directory.db"*
sizes=${DIRECTORY_BENCH_SIZES:-1000 1000000}
$bench sqlite "$out/directory.db" $sizes | tee "$out/directory-sqlite.md" &
sqlite=$!
DIRECTORY_BENCH_RUNS=${DIRECTORY_BENCH_AZURE_RUNS:-5} DIRECTORY_BENCH_SEED_MINUTES=${DIRECTORY_BENCH_SEED_MINUTES:-10} $bench azure "$azure" $sizes | tee "$out/directory-azure.md"
wait "$sqlite"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
