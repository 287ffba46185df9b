# Helpers of start-cluster.sh and stop-cluster.sh (sourced, not run). A process is recorded as "role pid start-time",
# the start time being the kernel's (field 22 of /proc/PID/stat), so that a pid the system has since given to another
# process is never taken for one of ours.

# start_time PID: the process's start time in clock ticks since boot, or nothing if it is gone (or a zombie).
start_time() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  stat=${stat##*) } # the fields after the command name, which may hold spaces; the first is field 3, the state
  [ "${stat%% *}" = Z ] || echo "$stat" | cut -d' ' -f20
}

# ours ROLE PID START: whether PID is still the process that was recorded.
ours() {
  [ -n "$2" ] && [ -n "$3" ] && [ "$(start_time "$2")" = "$3" ]
}

# live_processes FILE: the recorded processes ("role pid start-time") that still run.
live_processes() {
  local role pid start
  while read -r role pid start; do
    if ours "$role" "$pid" "$start"; then echo "$role $pid $start"; fi
  done < "$1"
}

# dead_processes FILE: the roles of recorded processes that no longer run.
dead_processes() {
  local role pid start
  while read -r role pid start; do
    if ! ours "$role" "$pid" "$start"; then echo "$role"; fi
  done < "$1"
}

# port_in_use PORT: whether something accepts connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# http_ok URL: whether GET URL answers 200 (with curl if there is one, else over bash's /dev/tcp).
http_ok() {
  if command -v curl > /dev/null 2>&1; then
    curl -fs -o /dev/null --max-time 5 "$1"
    return
  fi
  (
    rest=${1#http://}
    host_port=${rest%%/*}
    path=/${rest#*/}
    exec 3<>"/dev/tcp/${host_port%:*}/${host_port##*:}" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host_port" >&3
    read -r -t 5 _ status _ <&3 && [ "$status" = 200 ]
  ) 2>/dev/null
}

# wait_until WHAT SECONDS COMMAND...: runs COMMAND until it succeeds; fails after SECONDS, or as soon as a recorded
# process has exited (printing the end of its log).
wait_until() {
  local what=$1 seconds=$2 deadline role
  shift 2
  deadline=$(( SECONDS + seconds ))
  until "$@"; do
    for role in $(dead_processes "$pids"); do
      echo "$role exited while waiting for $what; the end of $logs/$role.log:" >&2
      tail -n 20 "$logs/$role.log" >&2 || true
      return 1
    done
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$what did not answer within $seconds s (logs in $logs)" >&2
      return 1
    fi
    sleep 0.5
  done
}
