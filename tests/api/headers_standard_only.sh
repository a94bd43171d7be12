#!/bin/sh
# Fails when a public header includes anything but a standard header (<string>, <cstdint>, ...)
# or another openlock header: the API must not expose third-party types.
# Usage: headers_standard_only.sh include/openlock
set -eu
bad=$(grep -Hn '^[[:space:]]*#[[:space:]]*include' "$1"/*.hpp "$1"/*.h |
      grep -Ev '#[[:space:]]*include[[:space:]]*(<[a-z_0-9]+>|"openlock/[a-z_]+\.hpp")' || true)
if [ -n "$bad" ]; then
  echo "public headers include non-standard headers:"
  echo "$bad"
  exit 1
fi
echo "$(ls "$1"/*.hpp "$1"/*.h | wc -l) public headers include only standard and openlock headers"
