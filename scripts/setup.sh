#!/bin/sh
# Installs the Debian packages sitrep needs, if any are missing.
# usage: scripts/setup.sh [build|test]
#   build  what building and running needs (default)
#   test   also what the tests need: clang's libFuzzer, valgrind, zstd, time
# Runs apt-get as root, or through sudo when not root.
set -eu
what=${1:-build}
build_pkgs="gcc make libc6-dev pkg-config libcjson-dev libgumbo-dev libutf8proc-dev zlib1g-dev libzstd-dev liblingua-en-tagger-perl wordnet-base"
test_pkgs="libcmocka-dev clang libclang-rt-14-dev valgrind gzip zstd time python3"
pkgs=$build_pkgs
[ "$what" = test ] && pkgs="$pkgs $test_pkgs"

missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "setup: installing$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: need root (or sudo) to install:$missing" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing > /dev/null
