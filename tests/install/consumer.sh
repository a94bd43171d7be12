#!/bin/sh
# Installs openlock from BUILD_DIR into a temporary prefix, then builds examples/consumer against
# it twice — with find_package(openlock) and with pkg-config — runs both on the demo repository and
# checks what they print.
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

cmake -S "$src/examples/consumer" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$tmp/cmake-build" -j 2 > /dev/null
check "$tmp/cmake-build/consumer"
echo "find_package(openlock): ok"

if command -v pkg-config > /dev/null; then
  flags=$(PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig:$tmp/prefix/lib/x86_64-linux-gnu/pkgconfig" pkg-config --cflags --libs --static openlock)
  # shellcheck disable=SC2086
  c++ -O1 "$src/examples/consumer/main.cpp" -o "$tmp/pc-consumer" $flags
  LD_LIBRARY_PATH="$tmp/prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" check "$tmp/pc-consumer"  # a shared build has no rpath here
  echo "pkg-config openlock: ok ($flags)"
fi
