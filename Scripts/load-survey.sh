#!/usr/bin/env bash
# A bounded load run on loopback: wrk posts complete questionnaires to one link of a release nok-survey
# for a fixed time (default 20 s), then the server is stopped with SIGTERM and the web responses in SQLite
# are counted against the 303 answers wrk saw: every accepted questionnaire must be in the database.
# The same server's `/health` under the same wrk settings is measured in the same run as the reference (what
# this machine, shared by wrk and the server, gives for the cheapest request), with the machine's load and the
# server's CPU time per request for both runs.
# Usage: Scripts/load-survey.sh [SECONDS] [CONNECTIONS]   (OPENNOK_SCRATCH: the release build folder, default .build)
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh
OPENNOK_APT_PACKAGES=(wrk sqlite3 curl)
opennok_install_packages
seconds=${1:-20}
connections=${2:-16}

scratch=${OPENNOK_SCRATCH:-.build}
swift build -c release --scratch-path "$scratch" --product nok-admin >&2
swift build -c release --scratch-path "$scratch" --product nok-survey >&2
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)

work=$(mktemp -d)
db="$work/opennok.sqlite"
Scripts/survey-demo-db.sh "$bin" "$db"
code=$(sqlite3 "$db" "SELECT l.code FROM survey_link l JOIN organization o ON o.id = l.organization_id WHERE o.sector = 'culture' ORDER BY l.organization_id LIMIT 1")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# No rate limit (one loopback client), client address from X-Forwarded-For so wrk can vary it.
"$bin/nok-survey" serve --config-dir Configs --database "$db" --port "$port" --rate-limit 0 --trust-proxy --log-level warning \
  2>"$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done

# 200 real forms (each with its own token and respondent cookie), answered "yes"/first option throughout.
python3 - "http://127.0.0.1:$port/q/$code" "$work/post.lua" <<'PY'
import re, sys, urllib.parse, urllib.request
url, out = sys.argv[1], sys.argv[2]
forms = []
for _ in range(200):
    html = urllib.request.urlopen(url).read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    rid = re.search(r'name="rid" value="([^"]+)"', html).group(1)
    answers = {}
    for name, value in re.findall(r'type="radio" id="[^"]+" name="(a\.[^"]+)" value="([^"]+)"', html):
        answers.setdefault(name, value)
    body = urllib.parse.urlencode({"csrf": csrf, "rid": rid, **answers})
    forms.append((rid, body))
with open(out, "w") as lua:
    lua.write("local forms = {\n" + "".join(f'  {{"{rid}", "{body}"}},\n' for rid, body in forms) + "}\n")
    lua.write("""
function request()
  n = n + 1
  local form = forms[(n % #forms) + 1]
  local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "nok_rid=" .. form[1], ["X-Forwarded-For"] = address}, form[2])
end
function response(status, headers, body)
  if status == 303 then accepted = accepted + 1 else other = other + 1 end
end
""")
PY

# What both wrk scripts share: per-thread counters (`accepted` is a 303 for a questionnaire, a 200 for /health)
# and the summary every run prints.
cat >"$work/common.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) accepted = 0; other = 0; n = 0 end
function done(summary, latency, requests)
  local good, bad = 0, 0
  for _, thread in ipairs(threads) do good = good + thread:get("accepted"); bad = bad + thread:get("other") end
  io.write(string.format("accepted=%d\nother=%d\nseconds=%.2f\np50_ms=%.2f\np99_ms=%.2f\nmax_ms=%.2f\nsocket_errors=%d\n",
    good, bad, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
cat "$work/common.lua" >>"$work/post.lua"
# The reference: the same server's /health (one indexed read), same threads, connections and duration.
{ cat "$work/common.lua"; cat <<'LUA'
function response(status, headers, body)
  if status == 200 then accepted = accepted + 1 else other = other + 1 end
end
LUA
} >"$work/health.lua"

# CPU time of the server (user + system, milliseconds) and the machine's one-minute load, around each run.
server_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$server/stat"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
# run_wrk NAME URL: $work/NAME.txt gets wrk's summary plus cpu_ms (the server's CPU during the run) and the load
# before and after.
run_wrk() {
  local load_before cpu_before
  load_before=$(load1)
  cpu_before=$(server_cpu_ms)
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$work/$1.lua" "$2" | tee "$work/$1.txt" >&2
  printf 'cpu_ms=%d\nload=%s → %s\n' $(( $(server_cpu_ms) - cpu_before )) "$load_before" "$(load1)" >>"$work/$1.txt"
}
run_wrk post "http://127.0.0.1:$port/q/$code"
run_wrk health "http://127.0.0.1:$port/health"

kill -TERM $server
wait $server
stored=$(sqlite3 "$db" "SELECT count(*) FROM response WHERE channel = 'web'")
flagged=$(sqlite3 "$db" "SELECT count(*) FROM survey_submission WHERE suspicion IS NOT NULL")
field() { sed -n "s/^$1=//p" "$work/$2.txt"; }
accepted=$(field accepted post)
other=$(field other post)
duration=$(field seconds post)
p50=$(field p50_ms post)
p99=$(field p99_ms post)
errors=$(field socket_errors post)
rate=$(python3 -c "print(f'{$accepted / $duration:.0f}')")
lost=$(( accepted > stored ? accepted - stored : 0 ))
cpu_per=$(python3 -c "print(f'{$(field cpu_ms post) / max($accepted + $other, 1):.3f}')")
h_ok=$(field accepted health)
h_other=$(field other health)
h_rate=$(python3 -c "print(f'{$h_ok / $(field seconds health):.0f}')")
h_cpu_per=$(python3 -c "print(f'{$(field cpu_ms health) / max($h_ok + $h_other, 1):.3f}')")
share=$(python3 -c "print(f'{100 * $accepted / $duration / max($h_ok / $(field seconds health), 1):.0f}')")
cat <<MD
| Дата | Соединений | Длительность, с | Принято (303) | Иной ответ | В базе после остановки | Потеряно | Анкет/с | p50, мс | p99, мс | Ошибки сокетов |
|---|---|---|---|---|---|---|---|---|---|---|
| $(date -u +%Y-%m-%d) | $connections | $duration | $accepted | $other | $stored (подозрительных $flagged) | $lost | $rate | $p50 | $p99 | $errors |

| Запрос | Ответов/с | p50, мс | p99, мс | Иной ответ | ЦП сервера на запрос, мс | Загрузка машины (до → после) |
|---|---|---|---|---|---|---|
| POST /q/… (анкета) | $rate | $p50 | $p99 | $other | $cpu_per | $(field load post) |
| GET /health (эталон) | $h_rate | $(field p50_ms health) | $(field p99_ms health) | $h_other | $h_cpu_per | $(field load health) |

Анкеты — $share % от скорости /health на том же сервере и в тех же условиях.
MD
[ "$lost" -eq 0 ] || { echo "Потеряно анкет: $lost" >&2; exit 1; }
