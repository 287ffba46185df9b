#!/usr/bin/env bash
# Stops exactly the processes deploy/local/start-cluster.sh started (listed in .local/cluster/pids): TERM first,
# KILL what is still there after 30 s. Grain state stays in .local/cluster/azurite for the next start.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
pids="$root/.local/cluster/pids"
[ -s "$pids" ] || { echo "no cluster is running"; exit 0; }

# Gateways first, then silos, then Redis and Azurite: the reverse of the start.
tac "$pids" | while read -r role pid; do
  kill -TERM "$pid" 2>/dev/null && echo "stopping $role ($pid)"
done
for _ in $(seq 1 60); do
  alive=$(awk '{print $2}' "$pids" | while read -r pid; do kill -0 "$pid" 2>/dev/null && echo "$pid"; done)
  [ -z "$alive" ] && break
  sleep 0.5
done
awk '{print $2}' "$pids" | while read -r pid; do kill -KILL "$pid" 2>/dev/null && echo "killed $pid"; done
rm -f "$pids"
echo "cluster stopped"
