#!/bin/bash
# zanryoctl(1) documents every command and every option that `zanryoctl [COMMAND...] --help`
# lists, and renders without warnings.
#
#   tests/install/check_ctl_man.sh ZANRYOCTL MANPAGE
set -euo pipefail
ctl=$1 page=$2
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# The commands of a --help text: the indented words under "Subcommands:".
commands() { "$ctl" "$@" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'; }
check() {
	local opt
	for opt in $("$ctl" "$@" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
		# roff spells a literal minus \-.
		grep -qF -- "${opt//-/\\-}" "$page" || fail "$page does not document $opt (zanryoctl $* --help)"
	done
}
check
for cmd in $(commands); do
	grep -qF -- "${cmd//-/\\-}" "$page" || fail "$page does not document the command $cmd"
	check "$cmd"
	for sub in $(commands "$cmd" 2>/dev/null || true); do
		grep -qE -- "$cmd $sub" "$page" || fail "$page does not document the command $cmd $sub"
		check "$cmd" "$sub"
	done
done
if command -v groff >/dev/null; then
	warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
	[ -z "$warnings" ] || fail "groff warns about $page: $warnings"
fi
[ "$failures" -eq 0 ] && echo "$page documents every zanryoctl command and option"
exit $((failures > 0))
