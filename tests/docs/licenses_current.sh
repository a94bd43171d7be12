#!/bin/sh
# Checks (or with --update rewrites) the generated part of docs/licenses.md: the knowledge-base
# table that `openlock license --list --format markdown` prints.
# Usage: licenses_current.sh OPENLOCK DOC [--update]
set -eu
openlock=$1 doc=$2
marker='<!-- generated below: do not edit -->'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$openlock" license --list --format markdown > "$tmp/actual"
sed -n "/^$marker\$/,\$p" "$doc" | tail -n +2 > "$tmp/expected"
if [ "${3:-}" = "--update" ]; then
  sed -n "1,/^$marker\$/p" "$doc" > "$tmp/head"
  cat "$tmp/head" "$tmp/actual" > "$doc"
  exit 0
fi
if ! diff -u "$tmp/expected" "$tmp/actual"; then
  echo "docs/licenses.md is out of date; regenerate: sh tests/docs/licenses_current.sh build/bin/openlock docs/licenses.md --update" >&2
  exit 1
fi
