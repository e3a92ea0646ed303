#!/bin/bash
# cmake --install into a DESTDIR, then check the installed tree file by file against the
# list a package needs (nothing missing, nothing extra such as the test simulator, nothing
# pointing back into the build tree), and build two small programs against the installed
# libzanryo-client: one with its CMake package, one with pkg-config.
#
#   tests/install/check_install.sh BUILD_DIR PREFIX LIBDIR BINDIR SBINDIR DATADIR INCLUDEDIR
#                                  MANDIR DOCDIR UNITDIR SYSUSERSDIR TMPFILESDIR POLICYDIR SERVICEDIR
#                                  POLKITDIR
#
# The directories are the build's CMAKE_INSTALL_* and ZANRYO_*DIR values (ctest passes them).
set -euo pipefail

BUILD=$(cd "$1" && pwd)
PREFIX=$2 LIBDIR=$3 BINDIR=$4 SBINDIR=$5 DATADIR=$6 INCLUDEDIR=$7 MANDIR=$8 DOCDIR=$9
UNITDIR=${10} SYSUSERSDIR=${11} TMPFILESDIR=${12} POLICYDIR=${13} SERVICEDIR=${14}
POLKITDIR=${15}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
abs() { case $1 in /*) echo "$1" ;; *) echo "$PREFIX/$1" ;; esac; }
LIBDIR=$(abs "$LIBDIR") BINDIR=$(abs "$BINDIR") SBINDIR=$(abs "$SBINDIR")
DATADIR=$(abs "$DATADIR") INCLUDEDIR=$(abs "$INCLUDEDIR") MANDIR=$(abs "$MANDIR") DOCDIR=$(abs "$DOCDIR")

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

# Every file the install must put down, and nothing else.
module=
[ -f "$BUILD/daemon/zanryo-qmi.so" ] && module=$ROOT$LIBDIR/zanryo/zanryo-qmi.so
{
	echo "$SBINDIR/zanryod"
	echo "$BINDIR/zanryoctl"
	echo "$BINDIR/zanryo-export"
	for h in "$SRC"/dbus/client/include/zanryo/*; do echo "$INCLUDEDIR/zanryo/$(basename "$h")"; done
	echo "$LIBDIR/libzanryo-client.so"
	echo "$LIBDIR/libzanryo-client.so.0"
	for f in "$ROOT$LIBDIR"/libzanryo-client.so.0.*; do [ -e "$f" ] && echo "${f#"$ROOT"}"; done
	echo "$LIBDIR/pkgconfig/zanryo-client.pc"
	for f in "$ROOT$LIBDIR"/cmake/zanryo-client/*.cmake; do [ -e "$f" ] && echo "${f#"$ROOT"}"; done
	[ -n "$module" ] && echo "$LIBDIR/zanryo/zanryo-qmi.so"
	echo "$POLICYDIR/org.zanryo.Zanryo1.conf"
	echo "$SERVICEDIR/org.zanryo.Zanryo1.service"
	echo "$DATADIR/dbus-1/interfaces/org.zanryo.Zanryo1.xml"
	echo "$UNITDIR/zanryod.service"
	echo "$UNITDIR/zanryo-export.service"
	echo "$SYSUSERSDIR/zanryo.conf"
	echo "$TMPFILESDIR/zanryo.conf"
	echo "$MANDIR/man8/zanryod.8"
	echo "$MANDIR/man1/zanryoctl.1"
	echo "$MANDIR/man1/zanryo-export.1"
	echo "$DATADIR/bash-completion/completions/zanryoctl"
	echo "$DATADIR/zsh/site-functions/_zanryoctl"
	for f in "$SRC"/docs/*.md; do echo "$DOCDIR/$(basename "$f")"; done
	echo "$DOCDIR/examples/zanryod.toml"
	echo "$DOCDIR/examples/51-zanryo-mm-enable.rules"
	echo "$POLKITDIR/50-zanryo.rules"
	for f in "$SRC"/data/providers/*.toml; do echo "$DATADIR/zanryo/providers/$(basename "$f")"; done
} | sort >"$TMP/expected"
(cd "$ROOT" && find . \( -type f -o -type l \) -printf '/%P\n' | sort) >"$TMP/installed"
while read -r f; do fail "missing $f"; done < <(comm -23 "$TMP/expected" "$TMP/installed")
while read -r f; do fail "installed but not in the list: $f"; done < <(comm -13 "$TMP/expected" "$TMP/installed")
[ -L "$ROOT$LIBDIR/libzanryo-client.so" ] || fail "$LIBDIR/libzanryo-client.so is not the development link"

# The shipped provider overlays and the bus policy, unchanged.
for f in "$SRC"/data/providers/*.toml; do
	cmp -s "$f" "$ROOT$DATADIR/zanryo/providers/$(basename "$f")" ||
		fail "provider overlay $(basename "$f") not installed as is"
done
cmp -s "$SRC/dbus/org.zanryo.Zanryo1.conf" "$ROOT$POLICYDIR/org.zanryo.Zanryo1.conf" ||
	fail "the bus policy differs from dbus/org.zanryo.Zanryo1.conf"
cmp -s "$SRC/systemd/50-zanryo.rules" "$ROOT$POLKITDIR/50-zanryo.rules" ||
	fail "the polkit rule differs from systemd/50-zanryo.rules"
# The units start the programs this install put down and point at its documents.
grep -qx "ExecStart=$SBINDIR/zanryod --bus system" "$ROOT$UNITDIR/zanryod.service" ||
	fail "zanryod.service: $(grep ExecStart= "$ROOT$UNITDIR/zanryod.service")"
grep -qx "ExecStart=$BINDIR/zanryo-export --bus system" "$ROOT$UNITDIR/zanryo-export.service" ||
	fail "zanryo-export.service: $(grep ExecStart= "$ROOT$UNITDIR/zanryo-export.service")"
for unit in "$ROOT$UNITDIR"/zanryod.service "$ROOT$UNITDIR"/zanryo-export.service; do
	for doc in $(grep -o 'file:[^ ]*' "$unit" | sed 's/^file://'); do
		[ -f "$ROOT$doc" ] || fail "$(basename "$unit")'s Documentation= names $doc, which is not installed"
	done
	grep -qE '@[A-Z_]+@' "$unit" && fail "$(basename "$unit") has an unsubstituted @VARIABLE@"
done
# The example configuration is one zanryod accepts.
"$BUILD/daemon/zanryod" --config "$ROOT$DOCDIR/examples/zanryod.toml" --check-config >"$TMP/check.log" 2>&1 ||
	fail "zanryod rejects the example configuration: $(cat "$TMP/check.log")"

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
	cat "$TMP/installed" >&2
	exit 1
fi
echo "install layout and both consumers OK ($(cd "$ROOT" && find . -type f | wc -l) files)"
