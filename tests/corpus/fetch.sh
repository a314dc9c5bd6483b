#!/bin/bash
# fetch.sh — Debian source packages for the corpus, through a private apt
# configuration: the system's apt setup (sources, lists, cache, locks) is
# never read or written.
#
#   tests/corpus/fetch.sh BUILDDIR PKG...
#
# BUILDDIR/apt/ holds the private configuration: sources.list with one
# deb-src line for Debian 12 (bookworm) main, its own state (package lists)
# and cache directories.  Each PKG is downloaded with `apt-get source
# --download-only` into BUILDDIR/src/PKG/ and unpacked there with
# `dpkg-source -x --skip-patches`: upstream's code as Debian ships it, without
# Debian's Linux build-system patches (the corpus is built by upstream's own
# Windows recipes, which those patches replace).  BUILDDIR/src/PKG/.fetched
# names the unpacked tree; a package already fetched is not fetched again, so
# a second run needs no network.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: fetch.sh BUILDDIR PKG..." >&2; exit 2; }
top=$(mkdir -p "$1" && cd "$1" && pwd)
shift
apt=$top/apt
mirror=${CORPUS_MIRROR:-http://deb.debian.org/debian}

apt_opts() {
	echo -o "Dir::Etc::SourceList=$apt/sources.list" \
		-o "Dir::Etc::SourceParts=$apt/sources.list.d" \
		-o "Dir::Etc::PreferencesParts=$apt/preferences.d" \
		-o "Dir::Etc::Preferences=$apt/preferences" \
		-o "Dir::State=$apt/state" -o "Dir::Cache=$apt/cache" \
		-o "Dir::State::status=$apt/state/status" \
		-o "APT::Sandbox::User=root" -o "Acquire::Retries=3"
}

setup() {
	[ -f "$apt/state/lists/.updated" ] && return
	mkdir -p "$apt"/{sources.list.d,preferences.d,state/lists/partial,cache/archives/partial}
	: >"$apt/state/status"
	echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main" \
		>"$apt/sources.list"
	# shellcheck disable=SC2046
	apt-get -q $(apt_opts) update >&2
	touch "$apt/state/lists/.updated"
}

for pkg in "$@"; do
	dst=$top/src/$pkg
	[ -f "$dst/.fetched" ] && [ -d "$dst/$(cat "$dst/.fetched")" ] && continue
	setup
	echo "corpus: fetching the Debian source package $pkg" >&2
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp"
	# shellcheck disable=SC2046
	(cd "$dst.tmp" && apt-get -q $(apt_opts) source --download-only "$pkg" >&2)
	dsc=$(cd "$dst.tmp" && ls ./*.dsc)
	(cd "$dst.tmp" && dpkg-source --skip-patches -x "$dsc" tree >&2)
	echo tree >"$dst.tmp/.fetched"
	basename "$dsc" .dsc >"$dst.tmp/.version"
	rm -rf "$dst" && mv "$dst.tmp" "$dst"
done
