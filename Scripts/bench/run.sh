#!/usr/bin/env bash
# OpenNOK against its references, side by side in one run (issue 7; results in docs/BENCHMARKS.md).
#
#   Scripts/bench/run.sh [tiny|quick|full] [--runs N] [--growth] [--smoke]
#
# Generates the synthetic region (Scripts/bench/generate), then measures:
#   import of responses   nok-admin import responses   vs  sqlite3 .import into a plain table
#   scoring               nok-admin score (or nok-report rankings from the store while `score` is absent)
#                         vs the pandas script (score_pandas.py) vs one raw SQL GROUP BY (groupby_sql.py)
#   peak memory           /usr/bin/time -v of each of them
#   reports               every format nok-report supports; formats it does not support are skipped, said so;
#                         and `nok-report publish` (all of them but JSON, the site and bus.gov.ru from one scoring)
#   growth curve          (--growth, or the full preset) import and scoring at 10k, 100k and 1M responses
# and checks that OpenNOK and pandas agree to 2 decimals for every institution (exit 1 otherwise).
# Each step runs --runs times (default 3; full: 3 for the fast steps, 1 for the import and the
# growth curve) and the median is reported. --smoke: the test suite's check — tiny data, one run, and
# the comparison; timings are printed but no target is judged.
# Data and databases live in .build-bench-data/ (git-ignored). Survey load (wrk against nok-survey) is
# measured separately: docs/SURVEY-LOAD.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

preset=quick runs="" growth=0 smoke=0
while [ $# -gt 0 ]; do
  case "$1" in
    tiny|quick|full) preset=$1 ;;
    --runs) runs=$2; shift ;;
    --growth) growth=1 ;;
    --smoke) smoke=1; preset=tiny ;;
    *) echo "Неизвестный аргумент «$1». Использование: Scripts/bench/run.sh [tiny|quick|full] [--runs N] [--growth] [--smoke]" >&2; exit 64 ;;
  esac
  shift
done
[ "$preset" = full ] && growth=1
[ "$smoke" = 1 ] && growth=0
fast_runs=${runs:-3}
slow_runs=${runs:-$([ "$preset" = full ] && echo 1 || echo 3)}
[ "$smoke" = 1 ] && { fast_runs=1; slow_runs=1; }

# --- what the run needs -------------------------------------------------------------------------
need_apt=()
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Устанавливаю: ${need_apt[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
root=$(pwd)
work=$root/.build-bench-data
out=$work/run-$preset                        # this preset's outputs; data folders are $work/<preset>
mkdir -p "$work" "$out"
# Folders written by an earlier run go now, long before the site is timed: ext4 hunts for a free inode past those
# deleted in the last seconds, and deleting 20 000 pages right before writing 20 000 new ones put 5-10 s of system
# time into the measurement (perf: find_get_block_common, recently_deleted) that writing into a fresh folder does not have.
rm -rf "$out"/folder-*
# pandas and PyYAML: already importable, or in a venv of our own (a clean CI machine, PEP 668 systems).
python=python3
if ! python3 -c "import pandas, yaml" 2>/dev/null; then
  python=$work/venv/bin/python
  [ -x "$python" ] || python3 -m venv "$work/venv" || { echo "Не удалось создать venv для pandas: установите python3-venv." >&2; exit 1; }
  "$python" -c "import pandas, yaml" 2>/dev/null || "$python" -m pip install --quiet --disable-pip-version-check pandas pyyaml
fi
command -v hyperfine >/dev/null || echo "hyperfine не установлен: медианы считает сам скрипт." >&2

scratch=${OPENNOK_BENCH_SCRATCH:-.build-bench}
if [ -z "${OPENNOK_BENCH_BIN:-}" ]; then
  swift build -c release --scratch-path "$scratch" --product nok-admin >&2
  swift build -c release --scratch-path "$scratch" --product nok-report >&2
  bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
else
  bin=$OPENNOK_BENCH_BIN                     # prebuilt binaries (the smoke test passes the debug build)
fi
admin="$bin/nok-admin" report="$bin/nok-report"
results=$out/results.tsv
load_before=$(cut -d" " -f1-3 /proc/loadavg)
: > "$results"

# --- helpers --------------------------------------------------------------------------------------
# measure NAME CMD…: runs CMD under /usr/bin/time -v; appends "NAME<TAB>wall s<TAB>peak KiB<TAB>CPU s" to
# $results. CPU (user + system) is kept beside wall time: on a shared machine wall time includes waiting.
measure() {
  local name=$1; shift
  local log; log=$(mktemp)
  # The previous step's written pages reach the disk first, not while this step is timed: the response import
  # right after the check-list import had flushed its 117 MB during the import (5.4–5.8 s instead of 4.9–5.0 s).
  sync
  if ! /usr/bin/time -v -o "$log" "$@" >"$out/last.out" 2>"$out/last.err"; then
    echo "Шаг «$name» завершился с ошибкой: $*" >&2
    tail -n 20 "$out/last.err" >&2
    rm -f "$log"; return 1
  fi
  awk -v name="$name" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
    /Maximum resident set size/ { kb = $2 }
    /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
    END { printf "%s\t%.3f\t%d\t%.3f\n", name, s, kb, cpu }' "$log" >> "$results"
  rm -f "$log"
}

median() {  # median wall seconds, max peak, count and median CPU seconds of every row named $1
  local cpu
  cpu=$(awk -F'\t' -v name="$1" '$1 == name { print $4 }' "$results" | sort -n |
    awk '{ t[NR] = $1 } END { printf "%.2f", (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
  awk -F'\t' -v name="$1" '$1 == name { print $2 "\t" $3 }' "$results" | sort -n |
    awk -F'\t' -v cpu="$cpu" '{ t[NR] = $1; if ($2 > m) m = $2 }
      END { med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.2f\t%d\t%d\t%s\n", med, m, NR, cpu }'
}

# fresh_db DB DATA: registry and campaign ready for imports (not timed).
fresh_db() {
  rm -f "$1" "$1-wal" "$1-shm"
  "$admin" init --database "$1" >/dev/null
  "$admin" registry import "$2/organizations.csv" --database "$1" --actor "Замер" >/dev/null
  "$admin" campaign create --id bench --year 2025 --sectors culture education social-services --database "$1" >/dev/null
}

has_score=0
"$admin" --help | grep -qE "^  score( |$)" && has_score=1

# score_cmd DB OUT: the command that scores the campaign from the store (an array for /usr/bin/time).
score_cmd() {
  if [ "$has_score" = 1 ]; then
    cmd=("$admin" score --campaign bench --database "$1")
  else
    cmd=("$report" rankings --campaign bench --database "$1" --format csv --output "$2")
  fi
}

generate() {  # PRESET → data folder (regenerated only when the generator or its preset changed)
  local dir=$work/$1 stamp
  stamp="$1 $(sha256sum Scripts/bench/generate | cut -c1-16) $(cat Configs/sectors/*/*.yaml Configs/extra-criteria/*.yaml | sha256sum | cut -c1-16)"
  if [ ! -f "$dir/stamp" ] || [ "$(cat "$dir/stamp")" != "$stamp" ]; then
    rm -rf "$dir"
    python3 Scripts/bench/generate --preset "$1" --out "$dir" >&2
    echo "$stamp" > "$dir/stamp"
  fi
  echo "$dir"
}

# --- the main preset ----------------------------------------------------------------------------
data=$(generate "$preset")
rows=$(($(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8'))))" "$data/responses.csv") - 1))
db=$out/opennok.sqlite
plain=$out/plain.sqlite
echo "Пресет $preset: $rows анкет; запусков: быстрые шаги $fast_runs, импорт $slow_runs." >&2

for _ in $(seq "$slow_runs"); do
  fresh_db "$db" "$data"
  measure "import checklists (nok-admin)" "$admin" import checklists --campaign bench "$data/checklists.csv" --database "$db"
  measure "import responses (nok-admin)" "$admin" import responses --campaign bench "$data/responses.csv" --database "$db"
done
for _ in $(seq "$fast_runs"); do
  rm -f "$plain"
  measure "import responses (sqlite3 .import)" sqlite3 "$plain" ".import --csv $data/responses.csv responses"
done

sql=$out/groupby.sql
"$python" Scripts/bench/groupby_sql.py "$data/responses.csv" > "$sql"
# OpenNOK's own tally query on its own tables, to split scoring time into SQL and Swift.
cat > "$out/opennok-tally.sql" <<'SQL'
SELECT organization_id, question, value, counted, n FROM answer_tally WHERE campaign_id = 'bench';
SQL
for _ in $(seq "$fast_runs"); do
  score_cmd "$db" "$out/opennok-$preset.csv"
  measure "score (OpenNOK)" "${cmd[@]}"
  measure "score (pandas)" "$python" Scripts/bench/score_pandas.py --data "$data" --out "$out/pandas-$preset.csv"
  measure "score (raw SQL GROUP BY)" sqlite3 "$plain" ".read $sql"
  measure "OpenNOK tally query alone (sqlite3)" sqlite3 "$db" ".read $out/opennok-tally.sql"
done

# --- agreement: every institution, to 2 decimals --------------------------------------------------
"$report" rankings --campaign bench --database "$db" --format csv --output "$out/opennok-$preset.csv"
"$python" Scripts/bench/score_pandas.py --data "$data" --compare-csv "$out/opennok-$preset.csv"
if [ "$preset" != full ]; then  # the JSON of 10 000 cards with explanations is large; indicators are compared on quick
  "$report" rankings --campaign bench --database "$db" --format json --output "$out/opennok-$preset.json"
  "$python" Scripts/bench/score_pandas.py --data "$data" --compare-json "$out/opennok-$preset.json"
fi

# --- reports --------------------------------------------------------------------------------------
skipped=()
for format in markdown csv json html xlsx; do
  if "$report" rankings --campaign bench --database "$db" --format "$format" --output "$out/report.$format" >/dev/null 2>"$out/last.err"; then
    for _ in $(seq "$fast_runs"); do
      measure "report $format" "$report" rankings --campaign bench --database "$db" --format "$format" --output "$out/report.$format"
    done
  elif grep -q "format" "$out/last.err" || grep -qi "формат" "$out/last.err"; then
    skipped+=("$format")
  else
    cat "$out/last.err" >&2; exit 1
  fi
done
# measure_folder NAME SUBCOMMAND: a report that writes a folder, timed when this nok-report has the subcommand.
measure_folder() {
  if "$report" --help | grep -qE "^  $2( |$)"; then
    for run in $(seq "$fast_runs"); do
      measure "$1" "$report" "$2" --campaign bench --database "$db" --output "$out/folder-$2-$run"
    done
  else
    skipped+=("$2")
  fi
}
measure_folder "report site" site
# Everything published for a campaign from one scoring (rankings in every format but JSON, the site, bus.gov.ru),
# to compare with the sum of the separate commands above.
measure_folder "report publish (all but JSON)" publish

declare -A growth_rows=([g10k]=10000 [g100k]=100000 [full]=1000000)
# --- growth curve ---------------------------------------------------------------------------------
if [ "$growth" = 1 ]; then
  # With the full preset its 1M point is the import and scoring measured above, not run a second time.
  for size in g10k g100k $([ "$preset" = full ] || echo full); do
    gdata=$(generate "$size")
    gdb=$out/growth-$size.sqlite
    fresh_db "$gdb" "$gdata"
    "$admin" import checklists --campaign bench "$gdata/checklists.csv" --database "$gdb" >/dev/null
    measure "growth $size import responses" "$admin" import responses --campaign bench "$gdata/responses.csv" --database "$gdb"
    score_cmd "$gdb" "$out/growth-$size.csv"
    measure "growth $size score" "${cmd[@]}"
    measure "growth $size pandas" "$python" Scripts/bench/score_pandas.py --data "$gdata"
  done
fi

# --- summary --------------------------------------------------------------------------------------
summary=$out/results.md
{
  echo "Замер: $(date -u +%Y-%m-%dT%H:%MZ), коммит $(git rev-parse --short HEAD), nproc $(nproc),"\
       "память $(free -m | awk '/^Mem:/ {print $2}') МиБ, нагрузка (loadavg) до замера: $load_before, после: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Пресет $preset: $rows анкет. Оценка: $([ "$has_score" = 1 ] && echo "nok-admin score" || echo "nok-report rankings --format csv из базы (nok-admin score ещё нет)")."
  echo
  echo "| шаг | медиана, с | CPU, с | пик памяти, МиБ | запусков | строк/с |"
  echo "|---|---:|---:|---:|---:|---:|"
  cut -f1 "$results" | awk '!seen[$0]++' | while read -r name; do
    IFS=$'\t' read -r seconds peak n cpu < <(median "$name")
    rate=""
    case "$name" in
      "import responses"*) rate=$(awk -v r="$rows" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.0f", r / s }') ;;
      "growth "*" import responses")
        size=$(echo "$name" | cut -d' ' -f2)
        rate=$(awk -v r="${growth_rows[$size]}" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.0f", r / s }') ;;
    esac
    echo "| $name | $seconds | $cpu | $((peak / 1024)) | $n | $rate |"
  done
  [ ${#skipped[@]} -gt 0 ] && echo && echo "Форматы, которых nok-report пока не умеет (пропущены): ${skipped[*]}."
  echo
  echo "Нагрузка опроса (wrk против nok-survey) измеряется отдельно: docs/SURVEY-LOAD.md."
} > "$summary"
cat "$summary"
