#!/usr/bin/env sh
# Installs the Azurite version pinned in package-lock.json into deploy/azurite/node_modules, once.
# Needs node and npm. Safe to run again: it does nothing when Azurite is already installed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$here/node_modules/azurite/dist/src/table/main.js" ]; then
  npm ci --prefix "$here" --no-audit --no-fund
fi
