#!/usr/bin/env bash
# CPU profile of the gateway under one scenario: bench/run.sh's set-up, with dotnet-trace (cpu-sampling) attached
# to the gateway for TRACE_SECONDS once the scenario's warm-up is over, then the top methods by exclusive time.
# Usage: bench/profile.sh read|refresh|switch   (needs: dotnet tool install -g dotnet-trace)
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${1:-read}
TRACE_SECONDS=${TRACE_SECONDS:-10}
export PATH="$PATH:$HOME/.dotnet/tools"
OUT=bench/results/profiles; mkdir -p "$OUT"
PORT=${BENCH_PORT:-5381}
( # wait for the gateway, then for the tool's set-up and warm-up, then trace
  for _ in $(seq 240); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  PID=$(pgrep -f "OrleansSessions.Gateway.dll --urls http://127.0.0.1:$PORT" | head -1)
  sleep 12
  dotnet-trace collect -p "$PID" --profile dotnet-sampled-thread-time --duration "00:00:00:$TRACE_SECONDS" -o "$OUT/$SCENARIO.nettrace" >/dev/null
  dotnet-trace report "$OUT/$SCENARIO.nettrace" topN -n 40 > "$OUT/$SCENARIO-top-exclusive.txt" 2>&1 || true
  dotnet-trace report "$OUT/$SCENARIO.nettrace" topN -n 60 --inclusive > "$OUT/$SCENARIO-top-inclusive.txt" 2>&1 || true
) &
TRACER=$!
BENCH_PORT=$PORT BENCH_SILO_PORT=11392 BENCH_GATEWAY_PORT=30392 bench/run.sh --only "$SCENARIO" --warmup 5 --duration 20 --out "$OUT/$SCENARIO-run"
wait "$TRACER" || true
echo "profile: $OUT/$SCENARIO-top-exclusive.txt, $OUT/$SCENARIO-top-inclusive.txt"
