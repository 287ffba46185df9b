#!/usr/bin/env bash
# The benchmark's HTTP scenarios against the local multi-process cluster instead of the embedded default:
# deploy/local/start-cluster.sh (3 silos, 2 gateways, Azurite, Redis on loopback, grain state in .local/cluster),
# with the gateway settings bench/run.sh uses; the load goes through the first gateway. The memory scenario stays
# embedded-only (it measures one silo's heap). The cluster is stopped by deploy/local/stop-cluster.sh whatever
# happens. Extra arguments go to the tool, e.g. bench/run-cluster.sh --duration 5 --only read.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_CLUSTER_PORT:-5480}
WORK=$(mktemp -d)
trap 'deploy/local/stop-cluster.sh >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT INT TERM

dotnet build bench/LoadTool -c Release -nologo -v q
TOOL="bench/LoadTool/bin/Release/net10.0/OrleansSessions.LoadTool.dll"
dotnet "$TOOL" keygen "$WORK/key"

export Sessions__AdminApiKey="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export Sessions__RateLimits__PerAddressPerSecond=0 Sessions__RateLimits__PerAddressConcurrentPasswordChecks=0 Sessions__Dashboard__Enabled=false
export Sessions__CustomToken__Issuer=bench-issuer Sessions__CustomToken__Algorithms=ES256
export Sessions__CustomToken__PublicKeyPem="$(cat "$WORK/key/public.pem")"
export Logging__LogLevel__Default=Warning
deploy/local/start-cluster.sh --gateway-port "$PORT"

NOTE="cluster: 3 silos, 2 gateways (load through the first), Azurite, Redis, all on this machine; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$TOOL" --gateway "http://127.0.0.1:$PORT" --admin-key "$Sessions__AdminApiKey" \
  --custom-token-key "$WORK/key/private.pem" --only baselines,read,refresh,switch,login,fanout \
  --fanout 1:20,100:10,1000:5 --out bench/results/cluster --machine-note "${BENCH_MACHINE_NOTE:-$NOTE}" "$@"
