#!/usr/bin/env bash
# Soak of failure detection: a local cluster of 3 silos and 2 gateways (deploy/local/start-cluster.sh, on ports of
# its own) under the benchmark's HTTP load (rounds of read, refresh, switch and login closed loops, 64 workers each,
# through the first gateway; bench/LoadTool) for several minutes; then it says whether any live silo was ever
# suspected or declared dead. With the fast failure detection (docs/cluster.md, "Losing a silo") no silo may be:
# every vote to evict one and every eviction in the silos' logs is listed, and every silo must still run at the end
# (a silo the cluster declared dead shuts itself down). The cluster is stopped by deploy/local/stop-cluster.sh
# whatever happens. Exit status 0 when no silo was suspected, 1 when one was.
# Usage: bench/soak.sh [--minutes N]   (or SOAK_MINUTES; default 5, at least 1)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${SOAK_MINUTES:-5}
case "${1:-}" in
  --minutes) minutes=${2:?}; shift 2 ;;
  "") ;;
  *) echo "usage: $0 [--minutes N]" >&2; exit 2 ;;
esac
[[ "$minutes" =~ ^[0-9]+$ ]] && [ "$minutes" -ge 1 ] || { echo "--minutes is a whole number ≥ 1" >&2; exit 2; }

# shellcheck source=deploy/local/processes.sh
. deploy/local/processes.sh
work=$(mktemp -d)
trap 'deploy/local/stop-cluster.sh >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

dotnet build bench/LoadTool -c Release -nologo -v q
tool="bench/LoadTool/bin/Release/net10.0/OrleansSessions.LoadTool.dll"
dotnet "$tool" keygen "$work/key" > /dev/null

port=${SOAK_GATEWAY_PORT:-5680}
export Sessions__AdminApiKey="soak-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export Sessions__RateLimits__PerAddressPerSecond=0 Sessions__RateLimits__PerAddressConcurrentPasswordChecks=0
export Sessions__Dashboard__Enabled=false
export Sessions__CustomToken__Issuer=bench-issuer Sessions__CustomToken__Algorithms=ES256
export Sessions__CustomToken__PublicKeyPem="$(cat "$work/key/public.pem")"
export Logging__LogLevel__Default=Warning
# Orleans's membership logs each vote to evict a silo and each eviction at Information.
env 'Logging__LogLevel__Orleans.Runtime.MembershipService=Information' deploy/local/start-cluster.sh \
  --gateway-port "$port" --silo-port 11611 --orleans-gateway-port 30611 --redis-port 6681 --table-port 10612
logs=.local/cluster/logs
started=$(date +%s)
echo "soak: ${minutes} min of load from $(date -u +%H:%M:%S) UTC; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Rounds of four closed loops (15 s each, after a set-up of 200 users) until the minutes are up; a round whose set-up
# met a 503 (a loaded machine) is counted and the next one starts.
end=$(( started + minutes * 60 ))
rounds=0 failed_rounds=0
while [ $(( $(date +%s) + 30 )) -lt "$end" ]; do
  if dotnet "$tool" --gateway "http://127.0.0.1:$port" --admin-key "$Sessions__AdminApiKey" \
    --custom-token-key "$work/key/private.pem" --only read,refresh,switch,login --duration 15 --warmup 2 \
    --users 200 --login-users 16 --out "$work/results" --machine-note soak > "$work/load.log" 2>&1; then
    rounds=$(( rounds + 1 ))
    grep -E '^\| (validated read|refresh|switch|login) ' "$work/results/results.md" | cut -d'|' -f2,3,9,10 | tr -s ' ' | paste -sd';' || true
  else
    failed_rounds=$(( failed_rounds + 1 ))
    echo "a round failed: $(grep -m1 -E 'Exception|error' "$work/load.log" | cut -c1-160)"
    sleep 2
  fi
done
echo "soak: $rounds rounds of load done, $failed_rounds cut short"

elapsed=$(( $(date +%s) - started ))
votes=$(grep -h "Voting to evict" "$logs"/silo-*.log || true)
evictions=$(grep -h "Evicting '" "$logs"/silo-*.log || true)
stopped=$(dead_processes .local/cluster/pids | grep '^silo' || true)
echo "soak: $(( elapsed / 60 )) min $(( elapsed % 60 )) s under load; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  votes to evict a silo: $(grep -c . <<< "$votes" || true)"
echo "  silos declared dead:   $(grep -c . <<< "$evictions" || true)"
echo "  silos no longer running: ${stopped:-none}"
if [ -n "$votes$evictions$stopped" ]; then
  printf '%s\n' "$votes" "$evictions" | sed '/^$/d' | head -20
  echo "soak: FAILED: a live silo was suspected or declared dead"
  exit 1
fi
echo "soak: passed: no live silo was ever suspected or declared dead"
