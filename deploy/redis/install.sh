#!/usr/bin/env sh
# Installs Redis (Debian's redis-server) when it is not on the PATH. Safe to run again: it does nothing then.
set -eu
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "redis-server is missing; install it as root: apt-get install -y redis-server" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
