#!/usr/bin/env bash
# The README's demo command. Until zanryod exists it shows the codec at work: a
# Japanese MVNO's UCS-2 balance SMS, as a modem hands it over in PDU mode, decoded.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -G Ninja -DZANRYO_BUILD_TESTS=ON >/dev/null
cmake --build build -j"$(nproc)" --target zanryoctl
ctl=build/dbus/zanryoctl/zanryoctl

# SMS-DELIVER from short number 3080 (UCS-2): "データ残量は1.25GBです。"
pdu=$("$ctl" encode deliver --from 3080 --at 2026-11-22T09:15:00+09:00 'データ残量は1.25GBです。')
echo "\$ zanryoctl decode pdu $pdu"
"$ctl" decode pdu "$pdu"
