#!/usr/bin/env bash
# Builds a fresh demo database for the survey server: the demo registry, an open campaign 2025,
# one link per institution, one operator. Usage: survey-demo-db.sh BIN_DIR DB_PATH
# Prints what the commands report on stderr; the links are listed by `nok-survey link --list`.
set -euo pipefail
bin=$(cd "$1" && pwd)
db=$(realpath -m "$2")
cd "$(dirname "$0")/.."
rm -f "$db" "$db-wal" "$db-shm"
"$bin/nok-admin" init --database "$db" >/dev/null
"$bin/nok-admin" registry import Configs/demo/organizations.csv --database "$db" --actor "Демо" >/dev/null
"$bin/nok-admin" campaign create --id 2025 --year 2025 --sectors culture education social-services --database "$db" >/dev/null
"$bin/nok-survey" link --campaign 2025 --database "$db" --actor "Демо" >/dev/null
echo "оператор-пароль-2025" | "$bin/nok-survey" operator add --login operator --name "Оператор Демо" --database "$db" --actor "Демо" >/dev/null
