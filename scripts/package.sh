#!/usr/bin/env bash
# Build zanryo's Debian packages from this tree: installs the build dependencies it misses,
# runs dpkg-buildpackage (binary packages, unsigned) and collects the .debs in OUT_DIR.
# Usage: scripts/package.sh [OUT_DIR]      (default: dist)
# Then, as root: apt-get install ./dist/*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
bash scripts/deps.sh debhelper dpkg-dev fakeroot lintian
# dpkg-buildpackage writes next to the source tree; a copy keeps the user's parent
# directory and this tree's build/ folders out of it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/zanryo"
git ls-files -z | xargs -0 cp --parents -t "$work/zanryo" 2>/dev/null ||
	tar --exclude='./build*' --exclude='./dist' --exclude='./.git' -cf - . | tar -C "$work/zanryo" -xf -
# No -dbgsym packages: a user installing ./dist/*.deb wants the programs.
(cd "$work/zanryo" && DEB_BUILD_OPTIONS="noautodbgsym ${DEB_BUILD_OPTIONS:-}" dpkg-buildpackage -us -uc -b -j"$(nproc)")
mkdir -p "$out"
cp "$work"/*.deb "$out"/
ls -l "$out"/*.deb
