#!/usr/bin/env bash
# Starts a local OrleansSessions cluster without Docker: Azurite (grain state), Redis (membership), N silos and
# M gateways, all on loopback. Every pid goes to .local/cluster/pids; deploy/local/stop-cluster.sh stops exactly
# those. Usage: deploy/local/start-cluster.sh [--silos N] [--gateways M] [--gateway-port P]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
silos=${SILOS:-3}
gateways=${GATEWAYS:-2}
gateway_port=${GATEWAY_PORT:-5080}
silo_port=${SILO_PORT:-11111}
orleans_gateway_port=${ORLEANS_GATEWAY_PORT:-30000}
redis_port=${REDIS_PORT:-6380}
table_port=${TABLE_PORT:-10002}
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=$2; shift 2 ;;
    --gateways) gateways=$2; shift 2 ;;
    --gateway-port) gateway_port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

state="$root/.local/cluster"
pids="$state/pids"
if [ -s "$pids" ]; then
  echo "A cluster is running already (see $pids); stop it with deploy/local/stop-cluster.sh" >&2
  exit 1
fi
mkdir -p "$state/azurite" "$state/redis" "$state/logs"
: > "$pids"
trap 'echo "start failed; stopping what started" >&2; "$root/deploy/local/stop-cluster.sh"' ERR

"$root/deploy/azurite/install.sh"
"$root/deploy/redis/install.sh"
dotnet build "$root/src/Silo" -c Release -v quiet -nologo
dotnet build "$root/src/Gateway" -c Release -v quiet -nologo

admin_key_file="$state/admin-key"
[ -s "$admin_key_file" ] || head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$admin_key_file"
export Sessions__AdminApiKey=${Sessions__AdminApiKey:-$(cat "$admin_key_file")}
export Cluster__Redis="127.0.0.1:$redis_port"
export Cluster__AzureTableStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
export Cluster__ClusterId=${Cluster__ClusterId:-local}
export Cluster__ServiceId=${Cluster__ServiceId:-orleans-sessions}

started() { echo "$1 $2" >> "$pids"; }

node "$root/deploy/azurite/node_modules/azurite/dist/src/table/main.js" --location "$state/azurite" \
  --tableHost 127.0.0.1 --tablePort "$table_port" --skipApiVersionCheck --loose --silent --disableTelemetry \
  > "$state/logs/azurite.log" 2>&1 &
started azurite $!
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$state/redis" --save "" --appendonly no \
  > "$state/logs/redis.log" 2>&1 &
started redis $!

wait_for() { # url, seconds
  for _ in $(seq 1 $(( $2 * 2 ))); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "$1 did not answer within $2 s" >&2
  return 1
}
wait_for_port() { # port, seconds
  for _ in $(seq 1 $(( $2 * 2 ))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.5
  done
  echo "nothing listens on port $1 after $2 s" >&2
  return 1
}
wait_for_port "$table_port" 30
wait_for_port "$redis_port" 30

silo_dir="$root/src/Silo/bin/Release/net10.0"
for i in $(seq 0 $(( silos - 1 ))); do
  (cd "$silo_dir" && Cluster__SiloPort=$(( silo_port + i )) Cluster__GatewayPort=$(( orleans_gateway_port + i )) \
    exec dotnet OrleansSessions.Silo.dll > "$state/logs/silo-$i.log" 2>&1) &
  started "silo-$i" $!
done

gateway_dir="$root/src/Gateway/bin/Release/net10.0"
urls=()
for i in $(seq 0 $(( gateways - 1 ))); do
  url="http://127.0.0.1:$(( gateway_port + i ))"
  (cd "$gateway_dir" && exec dotnet OrleansSessions.Gateway.dll --urls "$url" > "$state/logs/gateway-$i.log" 2>&1) &
  started "gateway-$i" $!
  urls+=("$url")
done

for url in "${urls[@]}"; do
  wait_for "$url/health/ready" 120
done
trap - ERR

echo "OrleansSessions cluster: $silos silos, $gateways gateways (logs in $state/logs, pids in $pids)"
for url in "${urls[@]}"; do echo "  gateway $url"; done
echo "  admin key: $Sessions__AdminApiKey"
echo "Stop it with deploy/local/stop-cluster.sh"
