#!/bin/sh
# Installs openlock from BUILD_DIR into a temporary prefix, then builds the two consumer examples
# against it — examples/consumer-cmake with find_package(openlock), examples/consumer-pkgconfig (C,
# the C API) with pkg-config — runs both on the demo repository and checks what they print.
# Usage: consumer.sh SOURCE_DIR BUILD_DIR
set -eu
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" > /dev/null

check() {
  out=$(env LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}" "$1" "$src/examples/demo-repo" "$src/examples/demo-repo/LICENSE")
  for want in "model Acme-7B-Chat: LicenseRef-acme-open-weights-1.0 (open-weight)" "hardware lock-in: high" \
              "license text: unknown" "llama3.1: LicenseRef-llama3.1, open-weight" "openlock "; do
    case $out in
      *"$want"*) ;;
      *) echo "$1: expected '$want' in:"; echo "$out"; exit 1 ;;
    esac
  done
  streamed=$(echo "$out" | sed -n 's/^findings: \([0-9]*\) (streamed \([0-9]*\))$/\1 \2/p')
  [ -n "$streamed" ] && [ "${streamed% *}" = "${streamed#* }" ] || { echo "$1: streamed findings differ: $out"; exit 1; }
}

cmake -S "$src/examples/consumer-cmake" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$tmp/cmake-build" -j 2 > /dev/null
check "$tmp/cmake-build/consumer"
echo "find_package(openlock): ok"

if command -v pkg-config > /dev/null; then
  # The C program of examples/consumer-pkgconfig, through its Makefile and the C API.
  cp "$src/examples/consumer-pkgconfig/main.c" "$src/examples/consumer-pkgconfig/Makefile" "$tmp/"
  PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" make -s -C "$tmp" consumer > /dev/null
  out=$(LD_LIBRARY_PATH="$tmp/prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$tmp/consumer" "$src/examples/demo-repo")
  case $out in
    *'openlock '*'"lockin"'*'"hardware"'*) echo "pkg-config openlock (C API): ok" ;;
    *) echo "pkg-config consumer printed: $out"; exit 1 ;;
  esac
fi
