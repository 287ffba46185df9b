#!/bin/sh
# Entry point of the silo image (src/Silo/Dockerfile). A silo must advertise an address the other silos and the
# gateways can reach: the container's own IP, not the loopback default. Kubernetes gives it from status.podIP
# (deploy/kubernetes/silo.yaml); elsewhere (docker compose) it is what the container's hostname resolves to.
set -eu
if [ -z "${Cluster__AdvertisedIPAddress:-}" ]; then
  Cluster__AdvertisedIPAddress=$(getent ahostsv4 "$(cat /etc/hostname)" | head -n 1 | cut -d ' ' -f 1)
  case "$Cluster__AdvertisedIPAddress" in
    "" | 127.*)
      echo "OrleansSessions could not start: the container's own IP address is unknown (its hostname resolves to" \
        "'$Cluster__AdvertisedIPAddress'). Check the setting Cluster:AdvertisedIPAddress" \
        "(environment variable Cluster__AdvertisedIPAddress)." >&2
      exit 1 ;;
  esac
  export Cluster__AdvertisedIPAddress
fi
exec dotnet /app/OrleansSessions.Silo.dll "$@"
