#!/usr/bin/env bash
# Stops exactly the processes deploy/local/start-cluster.sh started, as listed in .local/cluster/pids, and nothing
# else: a listed pid whose process has ended (and may since belong to another program) is left alone. Gateways go
# first (and smtp4dev, if it was started), then silos (which leave the cluster cleanly while Redis and Azurite still
# run), then Redis and Azurite: each gets SIGTERM (Azurite SIGINT: only then does it save the tables it holds in memory
# before it exits; SIGTERM loses the last seconds of writes), and SIGKILL if it is still there after the grace period.
# Grain state stays in .local/cluster/azurite.
# Usage: deploy/local/stop-cluster.sh [--grace SECONDS]   (or STOP_GRACE; default 30)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
grace=${STOP_GRACE:-30}
case "${1:-}" in
  --grace) grace=${2:?}; shift 2 ;;
  "") ;;
  *) echo "usage: $0 [--grace SECONDS]" >&2; exit 2 ;;
esac
pids="$root/.local/cluster/pids"
# shellcheck source=deploy/local/processes.sh
. "$root/deploy/local/processes.sh"
[ -s "$pids" ] || { echo "no cluster is running (no $pids)"; exit 0; }

# stop_group PATTERN [SIGNAL]: SIGNAL (TERM) to every live recorded process whose role matches, KILL after the grace
# period.
stop_group() {
  local pattern=$1 signal=${2:-TERM} role pid start deadline remaining
  local -a group=()
  while read -r role pid start; do
    [[ "$role" == $pattern ]] || continue
    kill -"$signal" "$pid" 2>/dev/null && echo "stopping $role ($pid)" && group+=("$role $pid $start")
  done < <(live_processes "$pids")
  [ ${#group[@]} -gt 0 ] || return 0
  deadline=$(( SECONDS + grace ))
  while [ "$SECONDS" -lt "$deadline" ]; do
    remaining=0
    for entry in "${group[@]}"; do
      read -r role pid start <<< "$entry"
      if ours "$role" "$pid" "$start"; then remaining=1; fi
    done
    [ "$remaining" = 0 ] && return 0
    sleep 0.5
  done
  for entry in "${group[@]}"; do
    read -r role pid start <<< "$entry"
    if ours "$role" "$pid" "$start"; then
      kill -KILL "$pid" 2>/dev/null && echo "killed $role ($pid): still running after $grace s"
    fi
  done
}

stop_group 'gateway-*'
stop_group 'smtp4dev'
stop_group 'silo-*'
stop_group 'redis'
stop_group 'azurite' INT
if [ -n "$(live_processes "$pids")" ]; then
  echo "some processes could not be stopped:" >&2
  live_processes "$pids" >&2
  exit 1
fi
rm -f "$pids"
echo "cluster stopped (grain state kept in $root/.local/cluster/azurite)"
