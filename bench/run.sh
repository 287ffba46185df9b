#!/usr/bin/env bash
# The whole benchmark in one command: builds Release, starts the embedded gateway as its own process (per-address
# limit off, an admin key, a custom-token issuer the tool signs for), runs bench/LoadTool against it, and stops the
# gateway by its pid whatever happens. Extra arguments go to the tool, e.g. bench/run.sh --duration 5 --only read.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-5380}
SILO_PORT=${BENCH_SILO_PORT:-11391}
GATEWAY_PORT=${BENCH_GATEWAY_PORT:-30391}
WORK=$(mktemp -d)
ADMIN_KEY="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
GATEWAY_PID=""

stop() {
  if [[ -n "$GATEWAY_PID" ]] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$GATEWAY_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$GATEWAY_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop EXIT INT TERM

dotnet build src/Gateway -c Release -nologo -v q
dotnet build bench/LoadTool -c Release -nologo -v q
TOOL="bench/LoadTool/bin/Release/net10.0/OrleansSessions.LoadTool.dll"
dotnet "$TOOL" keygen "$WORK/key"

Sessions__AdminApiKey="$ADMIN_KEY" \
Sessions__RateLimits__PerAddressPerSecond=0 Sessions__RateLimits__PerAddressConcurrentPasswordChecks=0 \
Sessions__Dashboard__Enabled=false \
Sessions__CustomToken__Issuer=bench-issuer \
Sessions__CustomToken__Algorithms=ES256 \
Sessions__CustomToken__PublicKeyPem="$(cat "$WORK/key/public.pem")" \
Embedded__SiloPort=$SILO_PORT Embedded__GatewayPort=$GATEWAY_PORT Embedded__DataDirectory="$WORK/data" \
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet src/Gateway/bin/Release/net10.0/OrleansSessions.Gateway.dll --urls "http://127.0.0.1:$PORT" >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!

for _ in $(seq 120); do
  curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break
  kill -0 "$GATEWAY_PID" 2>/dev/null || { echo "the gateway exited:"; cat "$WORK/gateway.log"; exit 1; }
  sleep 0.5
done

NOTE="load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$TOOL" --gateway "http://127.0.0.1:$PORT" --admin-key "$ADMIN_KEY" \
  --custom-token-key "$WORK/key/private.pem" --out bench/results --machine-note "${BENCH_MACHINE_NOTE:-$NOTE}" "$@"
