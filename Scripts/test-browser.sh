#!/usr/bin/env bash
# A real browser against a real nok-survey: headless Chromium (Debian's chromium-headless-shell and
# chromium-driver, driven by selenium from PyPI) opens a link, answers with the skip logic, submits with
# JavaScript on and off, and the answers are checked in the SQLite database; plus labels, lang, contrast
# and focus order. Installs what it needs; takes about a minute after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh
OPENNOK_APT_PACKAGES=(chromium-headless-shell chromium-driver curl)
opennok_install_packages
# selenium from PyPI; Debian's own python3 marks itself externally managed, hence the second try.
python3 -c "import selenium" 2>/dev/null || python3 -m pip install --quiet selenium==4.27.1 2>/dev/null \
  || python3 -m pip install --quiet --break-system-packages selenium==4.27.1

scratch=${OPENNOK_SCRATCH:-.build}
swift build --scratch-path "$scratch" --product nok-admin >&2
swift build --scratch-path "$scratch" --product nok-survey >&2
bin=$(swift build --scratch-path "$scratch" --show-bin-path)

work=$(mktemp -d)
db="$work/opennok.sqlite"
Scripts/survey-demo-db.sh "$bin" "$db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin/nok-survey" serve --config-dir Configs --database "$db" --port "$port" --log-level warning 2>"$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.1
done

python3 Scripts/browser_test.py "http://127.0.0.1:$port" "$db"

# SIGTERM: the server finishes and exits by itself with code 0.
kill -TERM $server
wait $server
echo "Сервер остановлен по SIGTERM (код 0)."
