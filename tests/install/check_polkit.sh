#!/bin/bash
# The polkit rules of systemd/, evaluated the way polkitd (122, duktape) calls them: each
# file's polkit.addRule() callbacks get an action and a subject, and the first callback
# that returns a result decides. Checked: 50-zanryo.rules allows the user zanryo exactly
# ModemManager's USSD and Messaging actions, 51-zanryo-mm-enable.rules exactly
# Device.Control, and neither allows anything to anybody else.
#
#   tests/install/check_polkit.sh SYSTEMD_SOURCE_DIR
#
# Needs node (a JavaScript engine close enough to duktape for these files); exits 77
# (skipped) without it.
set -euo pipefail
DIR=$1
command -v node >/dev/null || { echo "SKIP: node is not installed; the polkit rules were not evaluated"; exit 77; }

node - "$DIR/50-zanryo.rules" "$DIR/51-zanryo-mm-enable.rules" <<'JS'
"use strict";
const fs = require("fs");
const vm = require("vm");

// What polkitd gives a rule: polkit.addRule, polkit.Result, subject.user, action.id.
function load(file) {
	const rules = [];
	const polkit = {
		Result: { NO: "no", YES: "yes", AUTH_SELF: "auth_self", AUTH_ADMIN: "auth_admin" },
		addRule: (f) => rules.push(f),
		log: () => {},
	};
	vm.runInNewContext(fs.readFileSync(file, "utf8"), { polkit }, { filename: file });
	if (rules.length === 0)
		throw new Error(`${file}: no polkit.addRule() call`);
	return (actionId, user) => {
		for (const r of rules) {
			const v = r({ id: actionId, lookup: () => undefined }, { user, isInGroup: () => false });
			if (v !== undefined && v !== null)
				return v;
		}
		return "not handled";
	};
}

const actions = ["Control", "Device.Control", "Contacts", "Messaging", "Voice", "Time", "Location",
		 "USSD", "Firmware"].map((a) => "org.freedesktop.ModemManager1." + a);
const expected = [
	[process.argv[2], ["org.freedesktop.ModemManager1.USSD", "org.freedesktop.ModemManager1.Messaging"]],
	[process.argv[3], ["org.freedesktop.ModemManager1.Device.Control"]],
];
let failures = 0;
for (const [file, allowed] of expected) {
	const decide = load(file);
	for (const user of ["zanryo", "root", "nobody", "zanryo2"]) {
		for (const a of actions.concat(["org.freedesktop.login1.reboot", "org.freedesktop.NetworkManager.network-control"])) {
			const want = user === "zanryo" && allowed.includes(a) ? "yes" : "not handled";
			const got = decide(a, user);
			if (got !== want) {
				console.error(`FAIL: ${file}: ${a} for user ${user}: ${got}, expected ${want}`);
				failures++;
			}
		}
	}
}
if (failures)
	process.exit(1);
console.log("polkit rules: every action decided as expected");
JS
