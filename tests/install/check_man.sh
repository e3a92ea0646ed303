#!/bin/bash
# zanryod(8) documents every option `zanryod --help` lists, and renders without warnings.
#
#   tests/install/check_man.sh ZANRYOD MANPAGE
set -euo pipefail
zanryod=$1 page=$2
failures=0
for opt in $("$zanryod" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
	# roff spells a literal minus \-.
	grep -qF -- "${opt//-/\\-}" "$page" || { echo "FAIL: $page does not document $opt" >&2; failures=$((failures + 1)); }
done
if command -v groff >/dev/null; then
	warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
	[ -z "$warnings" ] || { echo "FAIL: groff warns about $page:" >&2; echo "$warnings" >&2; failures=$((failures + 1)); }
fi
[ "$failures" -eq 0 ] && echo "$page documents every option of $(basename "$zanryod")"
exit $((failures > 0))
