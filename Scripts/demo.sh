#!/usr/bin/env bash
# The main job on the embedded demo municipality: validate the configs, score the demo campaign
# from its CSV files, print the per-sector rankings and one organisation card.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh

swift build -c release --product nok-admin >&2
swift build -c release --product nok-report >&2
bin=$(swift build -c release --show-bin-path)

"$bin/nok-admin" config validate --config-dir Configs
echo
"$bin/nok-report" rankings --config-dir Configs --data Configs/demo
echo
"$bin/nok-report" rankings --config-dir Configs --data Configs/demo --by type --sector culture
echo
first=$(awk -F, 'NR==2 {print $1}' Configs/demo/organizations.csv)
"$bin/nok-report" card --config-dir Configs --data Configs/demo --org "$first"
echo
# The registry in a fresh SQLite database (kept under .build so a rerun starts clean).
db=.build/demo/opennok.sqlite
rm -rf .build/demo && mkdir -p .build/demo
"$bin/nok-admin" init --database "$db"
"$bin/nok-admin" registry import Configs/demo/organizations.csv --database "$db" --actor "Демо"
"$bin/nok-admin" registry list --database "$db" | tail -n 1
