#!/bin/bash
# cmake --install into a DESTDIR, then check that every file a package needs is there
# (and nothing points back into the build tree), and build two small programs against
# the installed libzanryo-client: one with its CMake package, one with pkg-config.
#
#   tests/install/check_install.sh BUILD_DIR PREFIX LIBDIR BINDIR SBINDIR DATADIR INCLUDEDIR
#
# The directories are the build's CMAKE_INSTALL_* values (ctest passes them).
set -euo pipefail

BUILD=$(cd "$1" && pwd)
PREFIX=$2 LIBDIR=$3 BINDIR=$4 SBINDIR=$5 DATADIR=$6 INCLUDEDIR=$7
SRC=$(cd "$(dirname "$0")/../.." && pwd)
abs() { case $1 in /*) echo "$1" ;; *) echo "$PREFIX/$1" ;; esac; }
LIBDIR=$(abs "$LIBDIR") BINDIR=$(abs "$BINDIR") SBINDIR=$(abs "$SBINDIR")
DATADIR=$(abs "$DATADIR") INCLUDEDIR=$(abs "$INCLUDEDIR")

TMP=$(mktemp -d)
BUSPID=
cleanup() {
	[ -n "$BUSPID" ] && kill "$BUSPID" 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT
ROOT=$TMP/root
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

DESTDIR=$ROOT cmake --install "$BUILD" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log" >&2; exit 1; }

expect() { [ -f "$ROOT$1" ] || fail "missing $1"; }
expect "$SBINDIR/zanryod"
expect "$BINDIR/zanryoctl"
expect "$INCLUDEDIR/zanryo/client.hpp"
expect "$LIBDIR/libzanryo-client.so.0"
[ -L "$ROOT$LIBDIR/libzanryo-client.so" ] || fail "missing the development link $LIBDIR/libzanryo-client.so"
expect "$LIBDIR/pkgconfig/zanryo-client.pc"
expect "$LIBDIR/cmake/zanryo-client/zanryo-client-config.cmake"
expect "$DATADIR/dbus-1/system.d/org.zanryo.Zanryo1.conf"
expect "$DATADIR/dbus-1/system-services/org.zanryo.Zanryo1.service"
expect "$DATADIR/dbus-1/interfaces/org.zanryo.Zanryo1.xml"
expect "$PREFIX/lib/systemd/system/zanryod.service"
expect "$BINDIR/zanryo-export"
expect "$PREFIX/lib/systemd/system/zanryo-export.service"
expect "$DATADIR/doc/zanryo/export.md"
expect "$DATADIR/doc/zanryo/metrics.md"
expect "$PREFIX/lib/sysusers.d/zanryo.conf"
expect "$PREFIX/lib/tmpfiles.d/zanryo.conf"
# The man page and the documents zanryod.service's Documentation= names.
expect "$DATADIR/man/man8/zanryod.8"
# zanryoctl(1) and its shell completions.
expect "$DATADIR/man/man1/zanryoctl.1"
expect "$DATADIR/bash-completion/completions/zanryoctl"
expect "$DATADIR/zsh/site-functions/_zanryoctl"
expect "$DATADIR/doc/zanryo/dbus-api.md"
expect "$DATADIR/doc/zanryo/configuration.md"
# The QMI backend is a module of its own, in a build with QMI.
module=
if [ -f "$BUILD/daemon/zanryo-qmi.so" ]; then
	module=$ROOT$LIBDIR/zanryo/zanryo-qmi.so
	expect "$LIBDIR/zanryo/zanryo-qmi.so"
fi
# The shipped provider overlays, all of them and unchanged.
for f in "$SRC"/data/providers/*.toml; do
	cmp -s "$f" "$ROOT$DATADIR/zanryo/providers/$(basename "$f")" ||
		fail "provider overlay $(basename "$f") not installed as is"
done
cmp -s "$SRC/systemd/zanryod.service" "$ROOT$PREFIX/lib/systemd/system/zanryod.service" ||
	fail "zanryod.service differs from systemd/zanryod.service"
cmp -s "$SRC/dbus/org.zanryo.Zanryo1.conf" "$ROOT$DATADIR/dbus-1/system.d/org.zanryo.Zanryo1.conf" ||
	fail "the bus policy differs from dbus/org.zanryo.Zanryo1.conf"

# Installed programs must not find their libraries through the build tree.
for f in "$ROOT$SBINDIR/zanryod" "$ROOT$BINDIR/zanryoctl" "$ROOT$LIBDIR/libzanryo-client.so.0" $module; do
	dynamic=$(readelf -d "$f")
	if grep -E 'R(UN)?PATH' <<<"$dynamic" | grep -q "$BUILD"; then
		fail "$f has an RPATH into the build tree"
	fi
done
export LD_LIBRARY_PATH=$ROOT$LIBDIR
"$ROOT$SBINDIR/zanryod" --version | grep -qx "zanryod 0.1.0" || fail "zanryod --version"
"$ROOT$BINDIR/zanryoctl" --version | grep -qx "zanryoctl 0.1.0" || fail "zanryoctl --version"
# The installed zanryoctl loads the installed module (named here: the DESTDIR copy is not
# where the program looks) and gets as far as QmiModem's own answer; without the module
# it names what is missing.
if [ -n "$module" ]; then
	out=$(ZANRYO_QMI_MODULE=$module "$ROOT$BINDIR/zanryoctl" --device qmi:/nonexistent/cdc-wdm9 info 2>&1) || true
	grep -q "no such QMI device" <<<"$out" || fail "the installed zanryoctl with the installed module printed: $out"
	out=$(ZANRYO_QMI_MODULE=$TMP/absent.so "$ROOT$BINDIR/zanryoctl" --device qmi:/nonexistent/cdc-wdm9 info 2>&1) || true
	grep -q "QMI needs the module zanryo-qmi.so" <<<"$out" || fail "zanryoctl without the module printed: $out"
fi
libs=$(ldd "$ROOT$BINDIR/zanryoctl")
grep -q "libzanryo-client.so.0 => $ROOT$LIBDIR/" <<<"$libs" ||
	fail "zanryoctl does not use the installed libzanryo-client"

# A consumer through the CMake package, and one through pkg-config.
cmake -S "$SRC/tests/install/consumer" -B "$TMP/cmake-consumer" -DCMAKE_PREFIX_PATH="$ROOT$PREFIX" \
	>"$TMP/consumer.log" 2>&1 && cmake --build "$TMP/cmake-consumer" >>"$TMP/consumer.log" 2>&1 ||
	{ cat "$TMP/consumer.log" >&2; fail "find_package(zanryo-client) consumer does not build"; }
# The .pc file names the configured prefix: point it at the DESTDIR copy.
flags=$(PKG_CONFIG_PATH=$ROOT$LIBDIR/pkgconfig pkg-config --define-variable=prefix="$ROOT$PREFIX" \
	--cflags --libs zanryo-client) || fail "pkg-config zanryo-client"
# shellcheck disable=SC2086 # word splitting of the flags is wanted
c++ -std=c++20 -o "$TMP/pc-consumer" "$SRC/tests/install/consumer/consumer.cpp" $flags 2>"$TMP/pc.log" ||
	{ cat "$TMP/pc.log" >&2; fail "pkg-config consumer does not build"; }

# Both run: against a bus with no zanryod they report the D-Bus error by name.
dbus-daemon --session --nofork --address="unix:path=$TMP/bus" 2>/dev/null &
BUSPID=$!
for _ in $(seq 100); do
	busctl --address="unix:path=$TMP/bus" call org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus GetId >/dev/null 2>&1 && break
	sleep 0.05
done
for exe in "$TMP/cmake-consumer/consumer" "$TMP/pc-consumer"; do
	[ -x "$exe" ] || continue
	out=$("$exe" "unix:path=$TMP/bus" 2>&1) || fail "$exe exited $?"
	[ "$out" = "error org.freedesktop.DBus.Error.ServiceUnknown
1.25 GB" ] || fail "$exe printed: $out"
done

if [ "$failures" -gt 0 ]; then
	echo "$failures problem(s); installed files:" >&2
	(cd "$ROOT" && find . -type f -o -type l | sort) >&2
	exit 1
fi
echo "install layout and both consumers OK ($(cd "$ROOT" && find . -type f | wc -l) files)"
