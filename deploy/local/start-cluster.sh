#!/usr/bin/env bash
# Starts a local OrleansSessions cluster without Docker, everything on 127.0.0.1: Azurite (grain state, kept in
# .local/cluster/azurite), Redis (membership; none with --membership azuretable, which keeps membership in Azurite
# too), N silos and M gateways. It installs Azurite (npm) and Redis (apt) if
# they are missing, builds the silo and the gateway once (Release), waits until every gateway's /health/ready is
# 200, and records every process it started in .local/cluster/pids ("role pid start-time" per line), which
# deploy/local/stop-cluster.sh stops, and nothing else.
#
# Usage: deploy/local/start-cluster.sh [options]     (each option can also be set by the environment variable named)
#   --membership redis|azuretable  MEMBERSHIP        where silos and gateways find each other (default redis)
#   --silos N                  SILOS                 silos (default 3)
#   --gateways M               GATEWAYS              gateways (default 2)
#   --gateway-port P           GATEWAY_PORT          HTTP port of the first gateway, the next ones follow (default 5080)
#   --silo-port P              SILO_PORT             silo-to-silo port of the first silo (default 11111)
#   --orleans-gateway-port P   ORLEANS_GATEWAY_PORT  port gateways reach the first silo on (default 30000)
#   --redis-port P             REDIS_PORT            Redis (default 6380, not Redis's usual 6379, to keep clear of one)
#   --table-port P             TABLE_PORT            Azurite's table service (default 10002)
#   --smtp4dev                 SMTP4DEV=1            also start smtp4dev (a development SMTP server with a web inbox;
#                                                    the dotnet tool Rnwood.Smtp4dev, installed into .local/tools if
#                                                    missing) and send every gateway's emails to it
#   --smtp4dev-port P          SMTP4DEV_PORT         its SMTP port (default 2525)
#   --smtp4dev-web-port P      SMTP4DEV_WEB_PORT     its web inbox (default 5005)
#   --no-build                                       use the existing Release build
# Sessions__AdminApiKey, if set, is the admin key; otherwise one is made once and kept in .local/cluster/admin-key.
# Other Sessions__* and OTEL_* variables in the environment reach every gateway and silo as they are.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
membership=${MEMBERSHIP:-redis}
silos=${SILOS:-3}
gateways=${GATEWAYS:-2}
gateway_port=${GATEWAY_PORT:-5080}
silo_port=${SILO_PORT:-11111}
orleans_gateway_port=${ORLEANS_GATEWAY_PORT:-30000}
redis_port=${REDIS_PORT:-6380}
table_port=${TABLE_PORT:-10002}
smtp4dev=${SMTP4DEV:-0}
smtp4dev_port=${SMTP4DEV_PORT:-2525}
smtp4dev_web_port=${SMTP4DEV_WEB_PORT:-5005}
build=1
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --membership) membership=${2:?}; shift 2 ;;
    --silos) silos=${2:?}; shift 2 ;;
    --gateways) gateways=${2:?}; shift 2 ;;
    --gateway-port) gateway_port=${2:?}; shift 2 ;;
    --silo-port) silo_port=${2:?}; shift 2 ;;
    --orleans-gateway-port) orleans_gateway_port=${2:?}; shift 2 ;;
    --redis-port) redis_port=${2:?}; shift 2 ;;
    --table-port) table_port=${2:?}; shift 2 ;;
    --smtp4dev) smtp4dev=1; shift ;;
    --smtp4dev-port) smtp4dev_port=${2:?}; shift 2 ;;
    --smtp4dev-web-port) smtp4dev_web_port=${2:?}; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option $1" >&2; usage ;;
  esac
done
for value in "$silos" "$gateways" "$gateway_port" "$silo_port" "$orleans_gateway_port" "$redis_port" "$table_port" "$smtp4dev_port" "$smtp4dev_web_port"; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "not a number: $value" >&2; exit 2; }
done
[ "$silos" -ge 1 ] && [ "$gateways" -ge 1 ] || { echo "at least one silo and one gateway" >&2; exit 2; }
case "$membership" in
  redis|azuretable) ;;
  *) echo "--membership is redis or azuretable, not $membership" >&2; exit 2 ;;
esac

state="$root/.local/cluster"
pids="$state/pids"
logs="$state/logs"
# shellcheck source=deploy/local/processes.sh
. "$root/deploy/local/processes.sh"

if [ -s "$pids" ]; then
  if [ -n "$(live_processes "$pids")" ]; then
    echo "A cluster is running already (see $pids); stop it with deploy/local/stop-cluster.sh" >&2
    exit 1
  fi
  echo "removing $pids: none of its processes runs any more"
  rm -f "$pids"
fi

# Every port must be free before anything starts, so that a clash is named rather than found in a log.
ports=("$table_port:Azurite")
[ "$membership" = redis ] && ports+=("$redis_port:Redis")
for i in $(seq 0 $(( silos - 1 ))); do
  ports+=("$(( silo_port + i )):silo-$i" "$(( orleans_gateway_port + i )):silo-$i (gateway port)")
done
for i in $(seq 0 $(( gateways - 1 ))); do ports+=("$(( gateway_port + i )):gateway-$i"); done
[ "$smtp4dev" = 1 ] && ports+=("$smtp4dev_port:smtp4dev" "$smtp4dev_web_port:smtp4dev (web inbox)")
for entry in "${ports[@]}"; do
  if port_in_use "${entry%%:*}"; then
    echo "port ${entry%%:*} (for ${entry#*:}) is in use; choose other ports (--help)" >&2
    exit 1
  fi
done

"$root/deploy/azurite/install.sh"
[ "$membership" = redis ] && "$root/deploy/redis/install.sh"
tools="$root/.local/tools"
if [ "$smtp4dev" = 1 ] && [ ! -x "$tools/smtp4dev" ]; then
  echo "installing smtp4dev (dotnet tool Rnwood.Smtp4dev) into $tools"
  dotnet tool install Rnwood.Smtp4dev --version 3.15.0 --tool-path "$tools"
fi
if [ "$build" = 1 ]; then
  echo "building the silo and the gateway (Release)"
  dotnet build "$root/src/Silo/Silo.csproj" -c Release -v quiet -nologo
  dotnet build "$root/src/Gateway/Gateway.csproj" -c Release -v quiet -nologo
fi
silo_dir="$root/src/Silo/bin/Release/net10.0"
gateway_dir="$root/src/Gateway/bin/Release/net10.0"
for dll in "$silo_dir/OrleansSessions.Silo.dll" "$gateway_dir/OrleansSessions.Gateway.dll"; do
  [ -f "$dll" ] || { echo "$dll is missing: run without --no-build" >&2; exit 1; }
done

mkdir -p "$state/azurite" "$state/redis" "$logs"
: > "$pids"
failed() {
  trap - ERR INT TERM
  echo "the cluster did not start; stopping what started (logs in $logs)" >&2
  "$root/deploy/local/stop-cluster.sh" >&2 || true
  exit 1
}
trap failed ERR INT TERM

admin_key_file="$state/admin-key"
[ -s "$admin_key_file" ] || { umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$admin_key_file"; }
export Sessions__AdminApiKey=${Sessions__AdminApiKey:-$(cat "$admin_key_file")}
export Cluster__Membership=$membership
[ "$membership" = redis ] && export Cluster__Redis="127.0.0.1:$redis_port"
export Cluster__AzureTableStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
export Cluster__ClusterId=${Cluster__ClusterId:-local}
export Cluster__ServiceId=${Cluster__ServiceId:-orleans-sessions}
export Cluster__AdvertisedIPAddress=127.0.0.1
export DOTNET_gcServer=${DOTNET_gcServer:-0} # several .NET processes share one machine

# start ROLE LOG DIR COMMAND...: runs COMMAND in DIR in the background, output to LOG, and records it.
start() {
  local role=$1 log=$2 dir=$3
  shift 3
  (cd "$dir" && exec "$@" < /dev/null > "$log" 2>&1) &
  local pid=$!
  echo "$role $pid $(start_time "$pid")" >> "$pids"
}

start azurite "$logs/azurite.log" "$state" \
  node "$root/deploy/azurite/node_modules/azurite/dist/src/table/main.js" --location "$state/azurite" \
  --tableHost 127.0.0.1 --tablePort "$table_port" --skipApiVersionCheck --loose --silent --disableTelemetry
if [ "$membership" = redis ]; then
  # Membership lives only as long as this Redis: each start of the cluster begins with an empty membership table.
  start redis "$logs/redis.log" "$state/redis" \
    redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$state/redis" --save "" --appendonly no --daemonize no
  wait_until "Redis on port $redis_port" 30 port_in_use "$redis_port"
fi
wait_until "Azurite on port $table_port" 30 port_in_use "$table_port"
if [ "$smtp4dev" = 1 ]; then
  # Its inbox is kept in memory only: it empties when smtp4dev stops.
  mkdir -p "$state/smtp4dev"
  start smtp4dev "$logs/smtp4dev.log" "$state/smtp4dev" "$tools/smtp4dev" --urls="http://127.0.0.1:$smtp4dev_web_port" \
    --smtpport="$smtp4dev_port" --imapport= --pop3port= --db= --nousersettings --allowremoteconnections- \
    --baseappdatapath="$state/smtp4dev"
  wait_until "smtp4dev on port $smtp4dev_port" 120 port_in_use "$smtp4dev_port"
  export Sessions__Email__Smtp__Host=127.0.0.1 Sessions__Email__Smtp__Port="$smtp4dev_port" Sessions__Email__Smtp__Tls=none
  export Sessions__Email__ConfirmationUrl=${Sessions__Email__ConfirmationUrl:-http://localhost:5173/confirm-email}
  export Sessions__Email__ResetUrl=${Sessions__Email__ResetUrl:-http://localhost:5173/reset-password}
fi

for i in $(seq 0 $(( silos - 1 ))); do
  Cluster__SiloPort=$(( silo_port + i )) Cluster__GatewayPort=$(( orleans_gateway_port + i )) \
    start "silo-$i" "$logs/silo-$i.log" "$silo_dir" dotnet OrleansSessions.Silo.dll
done

urls=()
for i in $(seq 0 $(( gateways - 1 ))); do
  url="http://127.0.0.1:$(( gateway_port + i ))"
  start "gateway-$i" "$logs/gateway-$i.log" "$gateway_dir" dotnet OrleansSessions.Gateway.dll --urls "$url"
  urls+=("$url")
done

for url in "${urls[@]}"; do
  wait_until "$url/health/ready" 120 http_ok "$url/health/ready"
done
trap - ERR INT TERM

echo "OrleansSessions cluster: $silos silos, $gateways gateways, $membership membership (cluster $Cluster__ClusterId, logs in $logs, pids in $pids)"
for url in "${urls[@]}"; do echo "  gateway    $url"; done
echo "  admin key  $Sessions__AdminApiKey"
[ "$smtp4dev" = 1 ] && echo "  emails     http://127.0.0.1:$smtp4dev_web_port (smtp4dev)"
echo "Stop it with deploy/local/stop-cluster.sh"
