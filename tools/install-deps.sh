#!/bin/sh
# Installs the Debian packages dllshare builds, tests and benchmarks with.
# dpkg-dev, debian-archive-keyring, tcl and cmake fetch and build the corpus
# (tests/corpus: `apt-get source`, SQLite's amalgamation, expat).
# Idempotent: does nothing when every package is already installed.
# As non-root it prints the exact apt-get line and fails.
set -eu

PKGS="make gcc g++ libc6-dev mingw-w64 wine wine64 liblief-dev libcunit1-dev \
clang libclang-rt-14-dev llvm python3 chromium procps gnuplot-nox jq groff-base man-db \
tmux dpkg-dev debian-archive-keyring tcl cmake"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -n "$missing" ] || exit 0

line="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "dllshare: missing Debian packages:$missing" >&2
	echo "dllshare: run as root:  $line" >&2
	exit 1
fi
echo "dllshare: installing$missing" >&2
apt-get update -q >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2
